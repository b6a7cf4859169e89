"""The pages of notifications: the list, the bell's count, marking read, the
user's channels and the coordinator's warning period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from notifications import permissions, queries, services
from notifications.forms import PreferencesForm, ReminderDaysForm
from notifications.models import ReminderSettings

PAGE_SIZE = 25


def _unread_only(request: HttpRequest) -> bool:
    return request.GET.get("unread") in ("1", "true")


@login_required
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    """The account's notifications, the latest first (all or only unread)."""
    unread = _unread_only(request)
    found = permissions.visible_notifications(request.user).in_list_order()
    if unread:
        found = found.unread()
    page = paginate(found, request.GET.get("page"), PAGE_SIZE)
    template = "notifications/list.html"
    response = render(
        request,
        f"{template}#rows" if request.htmx else template,
        {"page": page, "unread": unread},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def bell(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bell of the top bar with the unread count (htmx loads it after the
    page, so no page pays for it; cached per account)."""
    return render(
        request,
        "notifications/bell.html",
        {"unread_count": queries.unread_count(request.user)},
    )


def _back(request: HttpRequest) -> HttpResponse:
    """To the list, the unread ones if that is where the button was."""
    url = reverse("notifications:list")
    return redirect(f"{url}?unread=1" if "unread" in request.POST else url)


@login_required
@require_POST
def mark_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Mark one of one's notifications read (404 for another's)."""
    notification = permissions.get_notification(request.user, pk)
    services.mark_read(notification=notification)
    if request.htmx:
        response = render(request, "notifications/list.html#row", {"n": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return _back(request)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("Notifications marked read: %(n)s.") % {"n": count})
    return redirect("notifications:list")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The account's channels per kind."""
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(user=request.user, choices=form.choices())
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("notifications:preferences")
    return render_form(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "may_set_days": permissions.may_set_reminder_days(request.user),
        },
    )


@login_required
def preferences_of(request: HttpRequest, user_id: int) -> HttpResponse:
    """Someone's channels by their account's id: one's own only."""
    try:
        permissions.get_settings_owner(request.user, user_id)
    except permissions.NotYourSettings:
        return render(
            request,
            "notifications/not_yours.html",
            {"message": _("You can change only your own notification settings.")},
            status=403,
        )
    return redirect("notifications:preferences")


@login_required
def reminder_days(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's warning period before deadlines."""
    permissions.require(permissions.may_set_reminder_days(request.user))
    municipality = permissions.managed_municipality(request.user)
    permissions.require(municipality is not None)
    assert municipality is not None
    instance = ReminderSettings(
        municipality=municipality,
        days_before=services.days_before(municipality.pk),
    )
    form = ReminderDaysForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_reminder_settings(
                municipality=municipality,
                days_before=form.cleaned_data["days_before"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("notifications:preferences")
    return render_form(
        request,
        "notifications/reminder_days.html",
        {"form": form, "municipality": municipality},
    )
