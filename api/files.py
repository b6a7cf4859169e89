"""Endpoints whose 200 is a file, not JSON: their content types for OpenAPI."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
BINARY = {"schema": {"type": "string", "format": "binary"}}


def file_response(description: str, *content_types: str) -> dict:
    """OpenAPI of a 200 that is a file, not JSON (an endpoint's openapi_extra)."""
    content = {content_type: BINARY for content_type in content_types}
    return {"responses": {200: {"description": description, "content": content}}}
