from django.urls import path

from mentorships.views import (
    mentors,
    mentorship_pages,
    order_documents,
    order_pages,
    order_templates,
    orders,
    readiness,
)

app_name = "mentorships"
urlpatterns = [
    path("readiness/<int:person_pk>/", readiness.readiness, name="readiness"),
    path(
        "readiness/<int:person_pk>/withdraw/",
        readiness.readiness_withdraw,
        name="readiness_withdraw",
    ),
    path("mentors/", mentors.mentor_list, name="mentors"),
    path("mentors/export.xlsx", mentors.mentor_export, name="mentors_export"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/export.xlsx", orders.order_export, name="orders_export"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/new/line/", orders.order_line, name="order_line"),
    path("orders/<int:pk>/", order_pages.order_detail, name="order"),
    path(
        "orders/<int:pk>/register/",
        order_pages.order_register,
        name="order_register",
    ),
    path("orders/<int:pk>/delete/", order_pages.order_delete, name="order_delete"),
    path(
        "orders/<int:pk>/scan/",
        order_pages.order_scan_upload,
        name="order_scan_upload",
    ),
    path(
        "orders/<int:pk>/scan/download/",
        order_documents.order_scan,
        name="order_scan",
    ),
    path(
        "orders/<int:pk>/document.<str:fmt>",
        order_documents.order_document,
        name="order_document",
    ),
    path("<int:pk>/end/", mentorship_pages.mentorship_end, name="end"),
    path("my-reservists/", mentorship_pages.my_reservists, name="my_reservists"),
    path("my-mentor/", mentorship_pages.my_mentor, name="my_mentor"),
    path("templates/", order_templates.template_list, name="templates"),
    path(
        "templates/builtin.docx",
        order_templates.template_builtin,
        name="template_builtin",
    ),
    path(
        "templates/<int:pk>/file/",
        order_templates.template_file,
        name="template_file",
    ),
    path(
        "templates/<int:pk>/delete/",
        order_templates.template_delete,
        name="template_delete",
    ),
]
