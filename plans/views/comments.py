"""The discussion of a plan and of each of its rows (clause 8.1)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from core.pagination import to_int
from plans import permissions, queries, services
from plans.forms import CommentForm
from plans.views.common import render_plan_page
from plans.views.rows import page_labels


def _render_thread(request: HtmxHttpRequest, plan, item, form: CommentForm):
    """The discussion the comment went to, for htmx; the page otherwise."""
    key = item.pk if item else 0
    if not request.htmx:
        return render_plan_page(request, plan, comment_form=form, comment_key=key)
    context = {
        "plan": plan,
        "rights": permissions.plan_actions(request.user, plan),
        "labels": page_labels(plan),
        "comment_url": reverse("plans:comment", args=[plan.pk]),
        "thread_item": item,
        "comments": queries.thread(plan, item),
        "comment_form": form,
        "comment_key": key,
    }
    response = render_form(request, "plans/plan.html#thread", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def comment_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan(request.user, pk)
    permissions.require(permissions.may_comment(request.user, plan))
    item_pk = to_int(request.POST.get("item"), 0)
    item = permissions.get_item(request.user, plan, item_pk) if item_pk else None
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                plan=plan,
                author=request.user,
                text=form.cleaned_data["text"],
                item=item,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            if not request.htmx:
                return redirect(f"{plan.get_absolute_url()}#thread-{item_pk or 'plan'}")
            form = CommentForm()
    return _render_thread(request, plan, item, form)
