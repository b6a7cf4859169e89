"""The kinds of import, one module each, and the registry that names them.

A new kind is a module here that builds its ImportKind (see
`imports.planning.ImportKind`), one line below, and its code among
ImportBatch.Kind, the kinds a batch may record."""

from imports.kinds import legal_acts, organizations, people, reserve
from imports.planning import ImportKind

KINDS: dict[str, ImportKind] = {
    kind.code: kind
    for kind in [
        organizations.KIND,
        people.KIND,
        reserve.KIND,
        legal_acts.KIND,
    ]
}
