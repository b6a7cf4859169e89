"""The demo plan form: version 1 approved, with suggestions in each section, and a
draft version 2; made through the services (idempotent)."""

from datetime import date

from organizations.models import Municipality
from plans import services
from plans.models import PlanForm, PlanFormVersion

FORM_NAME = "Форма плана индивидуальной подготовки резервиста"
COLUMN_TITLES = {
    "activity": "Мероприятие",
    "form": "Форма работы",
    "deadline": "Срок исполнения",
    "responsible": "Ответственный",
    "expected_result": "Ожидаемый результат",
    "mark": "Отметка о выполнении",
}
# (section, [(activity, form of work, expected result, months from the start)])
SECTIONS = [
    (
        "Теоретическая подготовка",
        [
            (
                "Изучение основ управления образовательной организацией: "
                "стратегическое планирование, программа развития ОО",
                "Самостоятельное изучение, консультации наставника",
                "Конспект, собеседование с наставником",
                2,
            ),
            (
                "Курсы повышения квалификации «Менеджмент в образовании»",
                "Курсы повышения квалификации (72 ч)",
                "Удостоверение о повышении квалификации",
                6,
            ),
            (
                "Изучение основ финансово-хозяйственной деятельности ОО "
                "(муниципальное задание, план ФХД)",
                "Консультации с главным бухгалтером",
                "Анализ плана финансово-хозяйственной деятельности",
                4,
            ),
        ],
    ),
    (
        "Практическая подготовка и стажировка",
        [
            (
                "Стажировка в должности заместителя директора по учебно-"
                "воспитательной работе",
                "Стажировка на рабочем месте",
                "Отчёт о стажировке, отзыв наставника",
                8,
            ),
            (
                "Подготовка проекта приказа по основной деятельности",
                "Практическое задание",
                "Проект приказа, согласованный с наставником",
                3,
            ),
            (
                "Посещение и анализ уроков совместно с наставником",
                "Практическое задание",
                "Аналитическая справка по итогам посещения",
                5,
            ),
        ],
    ),
    (
        "Участие в мероприятиях",
        [
            (
                "Участие в заседании педагогического совета с докладом",
                "Выступление",
                "Текст доклада, выписка из протокола",
                3,
            ),
            (
                "Участие в совещании при директоре",
                "Участник совещания",
                "Протокол совещания",
                2,
            ),
            (
                "Участие в муниципальном семинаре руководителей "
                "образовательных организаций",
                "Слушатель, участник",
                "Материалы семинара",
                7,
            ),
        ],
    ),
    (
        "Изучение нормативных правовых актов",
        [
            (
                "Изучение Федерального закона от 29.12.2012 № 273-ФЗ «Об "
                "образовании в Российской Федерации»",
                "Самостоятельное изучение, собеседование",
                "Собеседование с наставником",
                1,
            ),
            (
                "Изучение ФГОС начального, основного и среднего общего образования",
                "Самостоятельное изучение",
                "Проверка знаний (тест)",
                3,
            ),
            (
                "Изучение Трудового кодекса Российской Федерации в части "
                "трудовых отношений с педагогическими работниками",
                "Самостоятельное изучение, консультация наставника",
                "Собеседование с наставником",
                5,
            ),
        ],
    ),
    (
        "Самообразование",
        [
            (
                "Самообразование по управлению персоналом: изучение литературы "
                "по мотивации и оценке педагогов",
                "Самостоятельное изучение",
                "Список литературы, эссе",
                6,
            ),
            (
                "Изучение опыта лучших руководителей образовательных "
                "организаций муниципалитета",
                "Посещение ОО, беседы с руководителями",
                "Аналитическая записка",
                9,
            ),
        ],
    ),
]
APPROVAL = ("приказ Управления образования", "45-о", date(2026, 8, 20))


def load_form(municipality: Municipality) -> PlanFormVersion | None:
    """Version 1, approved, with suggestions in each section; version 2, a draft.
    When the form is there already, the municipality's current version (None if
    none is approved)."""
    form = PlanForm.objects.filter(municipality=municipality, name=FORM_NAME).first()
    if form is not None:
        return services.current_form_version(municipality.pk)
    form = services.create_plan_form(municipality=municipality, name=FORM_NAME)
    first = form.versions.get()
    services.update_form_version(  # the demo's sections replace the default ones
        version=first,
        column_titles=COLUMN_TITLES,
        sections=[(None, title) for title, _rows in SECTIONS],
    )
    for section, (_title, rows) in zip(first.sections.all(), SECTIONS, strict=True):
        for activity, form_of_work, result, months in rows:
            services.add_suggested_item(
                section=section,
                activity=activity,
                form_of_work=form_of_work,
                expected_result=result,
                months_from_start=months,
            )
    document, number, day = APPROVAL
    services.approve_form_version(
        version=first,
        approval_document=document,
        approval_number=number,
        approval_date=day,
    )
    draft = services.new_form_version(form=form)
    services.add_suggested_item(
        section=draft.sections.get(position=3),
        activity="Участие в работе муниципального методического объединения "
        "заместителей директоров",
        form_of_work="Участник заседаний",
        expected_result="Выступление на заседании",
        months_from_start=5,
    )
    return first
