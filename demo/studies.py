"""Demo data of the study of legal acts (clause 8.8): the `mentor` account's
assignments to Петров (the `reservist` account) in every state, on the acts of
the demo catalogue (demo/legal_acts.py):

* 152-ФЗ: a test failed at the first attempt and passed at the second, with the
  right answers shown after submission; a question answered; an application in
  practice awaiting the mentor's evaluation;
* СП 2.4.3648-20: a test failed at both attempts;
* 273-ФЗ: an interview passed (the plan's row on the law), then flagged for a
  re-check by a new edition the coordinator adds (the 2022 amendment on federal
  educational programmes, added here and not in the starter catalogue, so that
  it comes after the check);
* ТК РФ: an interview passed with a mark and an application evaluated with remarks;
* 44-ФЗ: an open test whose questions come from the coordinator's question bank;
* 120-ФЗ: an open interview, the act marked studied, a question awaiting the
  mentor's answer.

Everything is made through the services, today; idempotent: nothing is added
once the mentorship has an assignment."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from legal_acts import services as act_services
from legal_acts.models import LegalAct
from mentorships.models import Mentorship
from organizations.models import Municipality
from plans.models import PlanItem
from studies import services
from studies.models import PracticeCase, QuizQuestion, StudyAssignment
from studies.services import OptionData

Method, Kind = StudyAssignment.CheckMethod, QuizQuestion.Kind


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    options: tuple[tuple[str, bool], ...]


PERSONAL_DATA_TEST = (
    Question(
        "Какой федеральный орган исполнительной власти является уполномоченным "
        "органом по защите прав субъектов персональных данных?",
        Kind.SINGLE,
        (
            ("Роскомнадзор", True),
            ("ФСТЭК России", False),
            ("Минпросвещения России", False),
        ),
    ),
    Question(
        "Какие сведения относятся к специальным категориям персональных данных "
        "(ст. 10)?",
        Kind.MULTIPLE,
        (
            ("Сведения о состоянии здоровья", True),
            ("Сведения о национальной принадлежности", True),
            ("Фамилия, имя, отчество", False),
            ("Класс, в котором учится ребёнок", False),
        ),
    ),
    Question(
        "Как оформляется согласие на обработку персональных данных, разрешённых "
        "для распространения (например, фотографии ученика на сайте школы)?",
        Kind.SINGLE,
        (
            ("Отдельно от иных согласий на обработку персональных данных", True),
            ("В составе общего согласия, подписанного при приёме в школу", False),
            ("Согласие не нужно, если снимок сделан на школьном мероприятии", False),
        ),
    ),
)
SANITARY_TEST = (
    Question(
        "Сколько минут длится урок в 1 классе в сентябре и октябре?",
        Kind.SINGLE,
        (("35 минут", True), ("40 минут", False), ("45 минут", False)),
    ),
    Question(
        "В какую смену организуется обучение в 1 классе?",
        Kind.SINGLE,
        (
            ("Только в первую смену", True),
            ("В первую или во вторую смену по решению школы", False),
            ("Только во вторую смену", False),
        ),
    ),
    Question(
        "Не ранее какого времени начинаются учебные занятия?",
        Kind.SINGLE,
        (("8 часов", True), ("7 часов 30 минут", False), ("9 часов", False)),
    ),
)
PROCUREMENT_BANK = (
    Question(
        "Какие способы определения поставщика (подрядчика, исполнителя) являются "
        "конкурентными (ст. 24)?",
        Kind.MULTIPLE,
        (
            ("Конкурсы", True),
            ("Аукционы", True),
            ("Запрос котировок в электронной форме", True),
            ("Закупка у единственного поставщика", False),
        ),
    ),
    Question(
        "Где размещается план-график закупок?",
        Kind.SINGLE,
        (
            ("В единой информационной системе в сфере закупок", True),
            ("Только на официальном сайте школы", False),
            ("В местной газете", False),
        ),
    ),
)
# The amendment that flags the interview on 273-ФЗ (number, date, what changed).
NEW_EDITION = (
    "273-ФЗ",
    date(2022, 9, 24),
    "Федеральный закон от 24.09.2022 № 371-ФЗ: введены федеральные основные "
    "общеобразовательные программы; образовательные программы школ "
    "разрабатываются в соответствии с ФГОС и федеральными основными "
    "общеобразовательными программами.",
)
LAW_ROW = "Изучение Федерального закона от 29.12.2012 № 273-ФЗ"


def _questions(assignment: StudyAssignment, questions: tuple[Question, ...]) -> None:
    for q in questions:
        services.add_question(
            assignment=assignment,
            text=q.text,
            kind=q.kind,
            options=[OptionData(text, right) for text, right in q.options],
        )


def _answers(assignment: StudyAssignment, right: set[int]) -> dict[str, list[int]]:
    """Right answers to the questions at the positions `right`, a wrong option
    to the others."""
    answers = {}
    for n, q in enumerate(assignment.questions.prefetch_related("options")):
        options = list(q.options.all())
        chosen = [o for o in options if o.is_correct == (n in right)]
        answers[str(q.pk)] = [o.pk for o in chosen][: None if n in right else 1]
    return answers


def _attempt(assignment: StudyAssignment, right: set[int], by: Any) -> None:
    attempt = services.start_attempt(assignment=assignment)
    services.submit_attempt(attempt=attempt, answers=_answers(assignment, right), by=by)


def _personal_data(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    mentor, reservist = mentorship.mentor.user, mentorship.reserve_entry.person.user
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentor,
        articles="ст. 3, 6, 9, 10, 10.1",
        aim="Знать условия обработки персональных данных работников, обучающихся "
        "и их родителей.",
        due_on=today + timedelta(days=10),
        check_method=Method.TEST,
        pass_threshold=80,
        max_attempts=3,
        time_limit_minutes=20,
        show_answers=True,
    )
    _questions(assignment, PERSONAL_DATA_TEST)
    question = services.ask(
        assignment=assignment,
        text="Нужно ли отдельное согласие родителей, чтобы разместить фотографию "
        "ученика на сайте школы?",
    )
    services.answer(
        question=question,
        text="Да. Это согласие на обработку персональных данных, разрешённых для "
        "распространения (ст. 10.1): оно оформляется отдельно от других согласий, "
        "и в нём родитель может установить запреты и условия.",
        by=mentor,
    )
    _attempt(assignment, {0}, reservist)
    _attempt(assignment, {0, 1, 2}, reservist)
    services.submit_practice_case(
        assignment=assignment,
        description="Подготовил новую форму согласия родителей на размещение "
        "фотографий обучающихся на сайте школы — отдельно от согласия на обработку "
        "персональных данных при приёме (ст. 10.1).",
    )


def _sanitary(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        articles="раздел 3",
        aim="Знать санитарные требования к организации образовательного процесса.",
        due_on=today + timedelta(days=7),
        check_method=Method.TEST,
        pass_threshold=80,
        max_attempts=2,
    )
    _questions(assignment, SANITARY_TEST)
    reservist = mentorship.reserve_entry.person.user
    _attempt(assignment, {0}, reservist)
    _attempt(assignment, {0, 1}, reservist)


def _law(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    mentor = mentorship.mentor.user
    row = (
        PlanItem.objects.filter(
            plan__reserve_entry=mentorship.reserve_entry,
            activity__startswith=LAW_ROW,
        )
        .exclude(status=PlanItem.Status.CANCELLED)
        .order_by("-plan__period_start")
        .first()
    )
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentor,
        articles="ст. 28, 47, 51",
        aim="Знать компетенцию образовательной организации, права педагогов и "
        "правовой статус руководителя.",
        due_on=today + timedelta(days=14),
        check_method=Method.INTERVIEW,
        plan_item=row,
    )
    services.record_interview(
        assignment=assignment,
        held_on=today,
        mark="pass",
        comment="Уверенно ориентируется в компетенции образовательной организации "
        "(ст. 28) и правовом статусе руководителя (ст. 51); разобрали права и "
        "академические свободы педагогов (ст. 47).",
        by=mentor,
    )
    # The coordinator adds the new edition: it flags the check (studies.receivers).
    _number, effective_on, note = NEW_EDITION
    if not act.editions.filter(effective_on=effective_on).exists():
        act_services.add_edition(act=act, effective_on=effective_on, note=note)


def _labour_code(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    mentor = mentorship.mentor.user
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentor,
        articles="ст. 57, 81, 192, 193",
        aim="Знать порядок заключения и расторжения трудового договора и "
        "применения дисциплинарных взысканий.",
        due_on=today + timedelta(days=14),
        check_method=Method.INTERVIEW,
    )
    services.record_interview(
        assignment=assignment,
        held_on=today,
        mark="4",
        comment="Знает порядок применения дисциплинарных взысканий (ст. 192, 193); "
        "неуверенно — сроки предупреждения о расторжении трудового договора при "
        "сокращении штата.",
        by=mentor,
    )
    case = services.submit_practice_case(
        assignment=assignment,
        description="Подготовил проект приказа о замечании учителю за опоздание на "
        "урок: затребовал письменное объяснение, через два рабочих дня без "
        "объяснения составил акт, приказ подготовлен в пределах месяца со дня "
        "обнаружения проступка.",
    )
    services.evaluate_practice_case(
        case=case,
        evaluation=PracticeCase.Evaluation.REMARKS,
        comment="Порядок соблюдён. В приказе укажите, какой пункт правил "
        "внутреннего трудового распорядка нарушен, и ознакомьте работника с "
        "приказом под подпись в течение трёх рабочих дней (ст. 193).",
        by=mentor,
    )


def _procurement(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    bank = services.bank_of(act)
    if not bank.questions.exists():
        for q in PROCUREMENT_BANK:
            services.add_question(
                bank=bank,
                text=q.text,
                kind=q.kind,
                options=[OptionData(text, right) for text, right in q.options],
            )
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        articles="ст. 16, 24, 93",
        aim="Знать способы закупок и порядок планирования закупок школы.",
        due_on=today + timedelta(days=21),
        check_method=Method.TEST,
        pass_threshold=70,
        max_attempts=3,
        show_answers=True,
    )
    services.copy_from_bank(
        assignment=assignment,
        question_ids=bank.questions.values_list("pk", flat=True),
    )


def _prevention(mentorship: Mentorship, act: LegalAct, today: date) -> None:
    assignment = services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        articles="ст. 14",
        aim="Знать обязанности школы в системе профилактики безнадзорности и "
        "правонарушений несовершеннолетних.",
        due_on=today + timedelta(days=30),
        check_method=Method.INTERVIEW,
    )
    services.mark_studied(assignment=assignment)
    services.ask(
        assignment=assignment,
        text="Кого школа обязана информировать, если ученик систематически "
        "пропускает занятия без уважительной причины?",
    )


# (number of the act, date of the act, what is made on it)
LOADERS = (
    ("152-ФЗ", date(2006, 7, 27), _personal_data),
    ("28", date(2020, 9, 28), _sanitary),
    ("273-ФЗ", date(2012, 12, 29), _law),
    ("197-ФЗ", date(2001, 12, 30), _labour_code),
    ("44-ФЗ", date(2013, 4, 5), _procurement),
    ("120-ФЗ", date(1999, 6, 24), _prevention),
)


def load_studies(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
    mentorship = (
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            municipality=municipality,
            reserve_entry__person__user__username="reservist",
        )
        .select_related("mentor__user", "reserve_entry__person__user")
        .first()
    )
    if mentorship is None or mentorship.mentor.user is None:
        return
    if mentorship.study_assignments.exists():
        return
    acts = {
        (a.number, a.adopted_on): a
        for a in LegalAct.objects.filter(municipality=municipality)
    }
    if not all((number, day) in acts for number, day, _ in LOADERS):
        return
    today = timezone.localdate()
    for number, day, load in LOADERS:
        load(mentorship, acts[number, day], today)
