import pytest

from imports.kinds import KINDS
from imports.models import ImportBatch


def test_every_kind_a_batch_records_is_registered_in_order():
    assert list(KINDS) == ImportBatch.Kind.values
    assert all(kind.code == code for code, kind in KINDS.items())


@pytest.mark.parametrize("code", list(KINDS))
def test_each_list_column_has_its_list_in_the_template(municipality, code):
    kind = KINDS[code]

    lists = kind.template_lists(municipality=municipality)

    keys = {column.list_key for column in kind.columns if column.list_key}
    assert keys == {template_list.key for template_list in lists}
