from django.urls import path

from mentorships import views

app_name = "mentorships"
urlpatterns = [
    path("readiness/<int:person_pk>/", views.readiness, name="readiness"),
    path(
        "readiness/<int:person_pk>/withdraw/",
        views.readiness_withdraw,
        name="readiness_withdraw",
    ),
    path("mentors/", views.mentor_list, name="mentors"),
    path("mentors/export.xlsx", views.mentor_export, name="mentors_export"),
    path("orders/", views.order_list, name="orders"),
    path("orders/export.xlsx", views.order_export, name="orders_export"),
    path("orders/new/", views.order_create, name="order_create"),
    path("orders/new/line/", views.order_line, name="order_line"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/register/", views.order_register, name="order_register"),
    path("orders/<int:pk>/delete/", views.order_delete, name="order_delete"),
    path("orders/<int:pk>/scan/", views.order_scan_upload, name="order_scan_upload"),
    path("orders/<int:pk>/scan/download/", views.order_scan, name="order_scan"),
    path(
        "orders/<int:pk>/document.<str:fmt>",
        views.order_document,
        name="order_document",
    ),
    path("<int:pk>/end/", views.mentorship_end, name="end"),
    path("my-reservists/", views.my_reservists, name="my_reservists"),
    path("my-mentor/", views.my_mentor, name="my_mentor"),
    path("templates/", views.template_list, name="templates"),
    path("templates/builtin.docx", views.template_builtin, name="template_builtin"),
    path("templates/<int:pk>/file/", views.template_file, name="template_file"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]
