from django.urls import path

from plans.views import comments, control, form_pages, items, plan_pages, progress

app_name = "plans"
urlpatterns = [
    path("", plan_pages.plan_list, name="list"),
    path("mine/", plan_pages.my_plan, name="mine"),
    path("control/", control.control, name="control"),
    path("new/<int:entry_pk>/", plan_pages.plan_create, name="create"),
    path("<int:pk>/", plan_pages.plan_detail, name="plan"),
    path("<int:pk>/submit/", plan_pages.plan_submit, name="submit"),
    path("<int:pk>/approve/", plan_pages.plan_approve, name="approve"),
    path("<int:pk>/return/", plan_pages.plan_return, name="return"),
    path("<int:pk>/complete/", plan_pages.plan_complete, name="complete"),
    path("<int:pk>/document.<str:fmt>", plan_pages.plan_document, name="document"),
    path("<int:pk>/comments/", comments.comment_add, name="comment"),
    path("<int:pk>/items/new/", items.item_add, name="item_add"),
    path("<int:pk>/items/deadlines/", items.deadlines_set, name="deadlines"),
    path("<int:pk>/items/<int:item_pk>/", items.item_row, name="item"),
    path("<int:pk>/items/<int:item_pk>/edit/", items.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item_pk>/remove/", items.item_remove, name="item_remove"),
    path("<int:pk>/items/<int:item_pk>/move/", items.item_move, name="item_move"),
    path(
        "<int:pk>/items/<int:item_pk>/progress/",
        progress.item_progress,
        name="item_progress",
    ),
    path(
        "<int:pk>/items/<int:item_pk>/confirm/",
        progress.item_confirm,
        name="item_confirm",
    ),
    path("evidence/<int:pk>/", progress.evidence_download, name="evidence"),
    path("forms/", form_pages.form_list, name="forms"),
    path("forms/<int:pk>/", form_pages.form_detail, name="form"),
    path("forms/<int:pk>/new-version/", form_pages.form_new_version, name="form_new"),
    path(
        "forms/<int:pk>/versions/<int:number>/",
        form_pages.version_detail,
        name="form_version",
    ),
    path(
        "forms/<int:pk>/versions/<int:number>/structure/",
        form_pages.version_structure,
        name="form_structure",
    ),
    path(
        "forms/<int:pk>/versions/<int:number>/approve/",
        form_pages.version_approve,
        name="form_approve",
    ),
    path(
        "forms/<int:pk>/versions/<int:number>/sections/<int:section_pk>/suggestions/",
        form_pages.suggestion_add,
        name="suggestion_add",
    ),
    path(
        "forms/<int:pk>/versions/<int:number>/suggestions/<int:suggestion_pk>/delete/",
        form_pages.suggestion_delete,
        name="suggestion_delete",
    ),
]
