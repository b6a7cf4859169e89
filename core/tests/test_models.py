import pytest

from core.models import normalize_search


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Иванов", "иванов"),
        ("ИВАНОВ", "иванов"),
        ("Семёнов", "семенов"),
        ("ЁЛОЧКА", "елочка"),
        ("  МОУ   «СОШ № 1» ", "моу «сош № 1»"),
        ("School No. 5", "school no. 5"),
        ("", ""),
    ],
)
def test_normalize_search_folds_case_yo_and_spaces(text, folded):
    assert normalize_search(text) == folded
