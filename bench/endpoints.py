"""What `make bench` measures: the endpoints, in the order of the tables, and the
targets of issue 10 (docs/benchmarks.md)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    """One measured address. `path` may name {mentor_plan} and {document_plan};
    `who` is the caller: None (anonymous), "<account>-token" (API bearer token)
    or "<account>-session" (the session cookie); `load` False times it
    sequentially only (documents); `kind` picks its target."""

    name: str
    path: str
    who: str | None
    kind: str
    load: bool = True


# The endpoints, in the order of the tables; add a row to measure another.
ENDPOINTS = [
    Endpoint("bare view (reference)", "/bench/bare/", None, "bare"),
    Endpoint("API people", "/api/v1/people", "coordinator-token", "api-list"),
    Endpoint("API organisations", "/api/v1/organizations", "coordinator-token", "api-list"),
    Endpoint("API reserve entries", "/api/v1/reserve-entries", "coordinator-token", "api-list"),
    Endpoint("API plans", "/api/v1/plans", "coordinator-token", "api-list"),
    Endpoint("API mentorships", "/api/v1/mentorships", "coordinator-token", "api-list"),
    Endpoint("API mentor orders", "/api/v1/mentor-orders", "coordinator-token", "api-list"),
    Endpoint("API plan items (20, mentor)", "/api/v1/plans/{mentor_plan}/items", "mentor-token", "api-list"),
    Endpoint("API my reservists with plans and items", "/api/v1/me/reservists?include=plan,items", "mentor-token", "mentor-screen"),
    Endpoint("page people", "/people/", "coordinator-session", "page-list"),
    Endpoint("page organisations", "/organizations/", "coordinator-session", "page-list"),
    Endpoint("page reserve", "/reserve/", "coordinator-session", "page-list"),
    Endpoint("page plans", "/plans/", "coordinator-session", "page-list"),
    Endpoint("page mentor orders", "/mentorships/orders/", "coordinator-session", "page-list"),
    Endpoint("page mentors", "/mentorships/mentors/", "coordinator-session", "page-list"),
    Endpoint("mentor: home", "/", "mentor-session", "home"),
    Endpoint("mentor: my reservists", "/mentorships/my-reservists/", "mentor-session", "page-list"),
    Endpoint("mentor: plan page (20 items)", "/plans/{mentor_plan}/", "mentor-session", "plan-page"),
    Endpoint("plan PDF (50 items)", "/plans/{document_plan}/document.pdf", "coordinator-session", "pdf", load=False),
    Endpoint("plan DOCX (50 items)", "/plans/{document_plan}/document.docx", "coordinator-session", "docx", load=False),
]  # fmt: skip

# The targets of issue 10, at 10× data: a share of the bare view's req/s, or a
# sequential time for the documents.
TARGETS = {
    "mentor-screen": "≥ 25 %",
    "api-list": "≥ 20 %",
    "page-list": "≥ 10 %",
    "plan-page": "≥ 8 %",
    "home": "≥ 10 %",
    "pdf": "≤ 500 ms",
    "docx": "≤ 150 ms",
    "bare": "",
}
