"""Reads of accounts that return no model: the login suggested for a new account."""

from string import ascii_lowercase, digits

from accounts.models import User

# Russian letters in Latin as the passports write them (ICAO Doc 9303).
_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m",
            "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
            "ie", "y", "", "e", "iu", "ia",
        ],
        strict=True,
    )
)  # fmt: skip
_KEPT = set(ascii_lowercase + digits + "-")


def transliterate(text: str) -> str:
    """«Петрова-Водкина» → «petrova-vodkina»: Latin letters, digits and hyphens."""
    return "".join(_LATIN.get(c, c if c in _KEPT else "") for c in text.lower())


def suggest_username(*, last_name: str, first_name: str, middle_name: str = "") -> str:
    """A free login from the name: «Иванова Елена Викторовна» → «ivanova.ev», or
    «ivanova.ev2», «ivanova.ev3» … when it is taken (in any letter case)."""
    surname = transliterate(last_name).strip("-")[:140] or "user"
    initials = "".join(transliterate(n)[:1] for n in (first_name, middle_name))
    base = f"{surname}.{initials}" if initials else surname
    taken = {
        name.lower()
        for name in User.objects.filter(username__istartswith=base).values_list(
            "username", flat=True
        )
    }
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate
