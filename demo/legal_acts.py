"""Demo data of the catalogue of legal acts (clause 8.8): the federal acts every
head of a school or kindergarten studies, with real numbers and dates, and two
real amendments of the law on education. No municipal act: the demo knows none
of the demo municipality's own acts with a number and date for sure."""

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


def load_legal_acts(municipality: Municipality) -> None:
    """The starter catalogue of the municipality; an act or an edition already
    there is left as it is."""
    acts = {}
    for kind, number, adopted_on, title, issued_by, url in ACTS:
        act = LegalAct.objects.filter(
            municipality=municipality, number=number, adopted_on=adopted_on
        ).first()
        if act is None:
            act = services.create_legal_act(
                municipality=municipality,
                level=Level.FEDERAL,
                kind=kind,
                number=number,
                adopted_on=adopted_on,
                title=title,
                issued_by=issued_by,
                url=url,
            )
        acts[number] = act
    for number, effective_on, note in EDITIONS:
        act = acts[number]
        if not act.editions.filter(effective_on=effective_on).exists():
            services.add_edition(act=act, effective_on=effective_on, note=note)
