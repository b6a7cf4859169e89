from django.urls import path, register_converter
from django.urls.converters import StringConverter

from imports import views
from imports.kinds import KINDS


class KindConverter(StringConverter):
    """Only the kinds that can be imported: anything else is a 404."""

    regex = "|".join(KINDS)


register_converter(KindConverter, "import_kind")

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/confirm/", views.batch_confirm, name="confirm"),
    path("batches/<int:pk>/status/", views.batch_status, name="status"),
    path("<import_kind:kind>/", views.start, name="start"),
    path("<import_kind:kind>/template.xlsx", views.template, name="template"),
]
