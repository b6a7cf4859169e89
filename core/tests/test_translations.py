"""The UI speaks Russian: every catalog is complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = sorted(
    p
    for p in Path(settings.BASE_DIR).glob("**/locale/ru/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and ".tools" not in p.parts
)


def test_there_is_a_root_catalog():
    assert Path(settings.BASE_DIR, "locale/ru/LC_MESSAGES/django.po") in CATALOGS


@pytest.mark.parametrize(
    "po_path", CATALOGS, ids=lambda p: str(p.parent.parent.parent.parent)
)
def test_catalog_is_fully_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert compiled.get(key) == (entry.msgstr or entry.msgstr_plural), (
            f"{entry.msgid!r} is not compiled: run make messages"
        )
