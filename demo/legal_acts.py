"""Demo data of the catalogue of legal acts (clause 8.8): the federal acts every
head of a school or kindergarten studies, with real numbers and dates, and two
real amendments of the law on education; then the municipality's own acts, which
are invented for the demo (plausible numbers and dates, no link): a resolution of
the administration on the management reserve with one amendment, the order of
the education authority that approved the regulation on mentoring (the number
and date the municipality's settings cite, see `demo.registries`), and a school's
local regulation on mentoring."""

from datetime import date

from legal_acts import services
from legal_acts.models import LegalAct
from organizations.models import Municipality

Level, Kind = LegalAct.Level, LegalAct.Kind
ASSEMBLY = "Федеральное Собрание Российской Федерации"
MINISTRY = "Министерство просвещения Российской Федерации"
SANITARY = "Главный государственный санитарный врач Российской Федерации"
CONSULTANT = "https://www.consultant.ru/document/cons_doc_LAW_{}/"

# (type, number, date, title, issuing body, link)
ACTS = [
    (
        Kind.FEDERAL_LAW,
        "273-ФЗ",
        date(2012, 12, 29),
        "Об образовании в Российской Федерации",
        ASSEMBLY,
        CONSULTANT.format(140174),
    ),
    (
        Kind.CODE,
        "197-ФЗ",
        date(2001, 12, 30),
        "Трудовой кодекс Российской Федерации",
        ASSEMBLY,
        CONSULTANT.format(34683),
    ),
    (
        Kind.FEDERAL_LAW,
        "44-ФЗ",
        date(2013, 4, 5),
        "О контрактной системе в сфере закупок товаров, работ, услуг для "
        "обеспечения государственных и муниципальных нужд",
        ASSEMBLY,
        CONSULTANT.format(144624),
    ),
    (
        Kind.FEDERAL_LAW,
        "152-ФЗ",
        date(2006, 7, 27),
        "О персональных данных",
        ASSEMBLY,
        CONSULTANT.format(61801),
    ),
    (
        Kind.FEDERAL_LAW,
        "120-ФЗ",
        date(1999, 6, 24),
        "Об основах системы профилактики безнадзорности и правонарушений "
        "несовершеннолетних",
        ASSEMBLY,
        "",
    ),
    (
        Kind.ORDER,
        "286",
        date(2021, 5, 31),
        "Об утверждении федерального государственного образовательного стандарта "
        "начального общего образования (ФГОС НОО)",
        MINISTRY,
        "",
    ),
    (
        Kind.ORDER,
        "287",
        date(2021, 5, 31),
        "Об утверждении федерального государственного образовательного стандарта "
        "основного общего образования (ФГОС ООО)",
        MINISTRY,
        "",
    ),
    (
        Kind.RESOLUTION,
        "28",
        date(2020, 9, 28),
        "Об утверждении санитарных правил СП 2.4.3648-20 «Санитарно-"
        "эпидемиологические требования к организациям воспитания и обучения, "
        "отдыха и оздоровления детей и молодежи»",
        SANITARY,
        "",
    ),
    (
        Kind.RESOLUTION,
        "2",
        date(2021, 1, 28),
        "Об утверждении санитарных правил и норм СанПиН 1.2.3685-21 "
        "«Гигиенические нормативы и требования к обеспечению безопасности и (или) "
        "безвредности для человека факторов среды обитания»",
        SANITARY,
        "",
    ),
]

# Amendments of 273-ФЗ: (number of the act, date, what changed).
EDITIONS = [
    (
        "273-ФЗ",
        date(2020, 7, 31),
        "Федеральный закон от 31.07.2020 № 304-ФЗ: по вопросам воспитания "
        "обучающихся (рабочая программа воспитания, календарный план "
        "воспитательной работы).",
    ),
    (
        "273-ФЗ",
        date(2021, 4, 5),
        "Федеральный закон от 05.04.2021 № 85-ФЗ: просветительская деятельность.",
    ),
]


ADMINISTRATION = "Администрация городского округа Стрежевой"
RESERVE_RESOLUTION = (
    "Об утверждении Положения о кадровом резерве для замещения должностей "
    "руководителей муниципальных образовательных организаций городского округа "
    "Стрежевой"
)
SCHOOL = "МОУ «СОШ № 1»"


def municipal_acts(
    municipality: Municipality,
) -> list[tuple[str, str, str, date, str, str]]:
    """The municipality's own acts, invented for the demo: (level, type, number,
    date, title, issuing body). The order on mentoring is the one the
    municipality's settings cite, when they cite one."""
    acts: list[tuple[str, str, str, date, str, str]] = [
        (
            Level.MUNICIPAL,
            Kind.RESOLUTION,
            "312",
            date(2026, 3, 16),
            RESERVE_RESOLUTION,
            ADMINISTRATION,
        ),
        (
            Level.LOCAL,
            Kind.REGULATION,
            "",
            date(2026, 8, 31),
            "Положение о наставничестве педагогических работников МОУ «СОШ № 1»",
            SCHOOL,
        ),
    ]
    if municipality.regulation_date and municipality.regulation_number:
        acts.insert(
            1,
            (
                Level.MUNICIPAL,
                Kind.ORDER,
                municipality.regulation_number,
                municipality.regulation_date,
                "Об утверждении Положения об организации наставничества в системе "
                "подготовки резерва управленческих кадров в муниципальной системе "
                "образования городского округа Стрежевой",
                municipality.authority_name or ADMINISTRATION,
            ),
        )
    return acts


# An amendment of the resolution on the reserve: (number, date, what changed).
MUNICIPAL_EDITIONS = [
    (
        "312",
        date(2026, 10, 12),
        "Постановление от 12.10.2026 № 845: уточнён порядок исключения из резерва.",
    ),
]


def _act(
    municipality: Municipality,
    *,
    level: str,
    kind: str,
    number: str,
    adopted_on: date,
    title: str,
    issued_by: str,
    url: str = "",
) -> LegalAct:
    """The act of the catalogue with that number and date (or title and date,
    without a number); added if it is not there."""
    found = LegalAct.objects.filter(municipality=municipality, adopted_on=adopted_on)
    act = (found.filter(number=number) if number else found.filter(title=title)).first()
    if act is None:
        act = services.create_legal_act(
            municipality=municipality,
            level=level,
            kind=kind,
            number=number,
            adopted_on=adopted_on,
            title=title,
            issued_by=issued_by,
            url=url,
        )
    return act


def load_legal_acts(municipality: Municipality) -> None:
    """The starter catalogue of the municipality; an act or an edition already
    there is left as it is."""
    acts = {}
    for kind, number, adopted_on, title, issued_by, url in ACTS:
        acts[number] = _act(
            municipality,
            level=Level.FEDERAL,
            kind=kind,
            number=number,
            adopted_on=adopted_on,
            title=title,
            issued_by=issued_by,
            url=url,
        )
    for level, own_kind, number, adopted_on, title, issued_by in municipal_acts(
        municipality
    ):
        act = _act(
            municipality,
            level=level,
            kind=own_kind,
            number=number,
            adopted_on=adopted_on,
            title=title,
            issued_by=issued_by,
        )
        if number:
            acts[number] = act
    for number, effective_on, note in [*EDITIONS, *MUNICIPAL_EDITIONS]:
        act = acts[number]
        if not act.editions.filter(effective_on=effective_on).exists():
            services.add_edition(act=act, effective_on=effective_on, note=note)
