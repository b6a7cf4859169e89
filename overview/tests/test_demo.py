"""The overview on the demo data: the demo coordinator sees real figures, and
every figure equals the count of the list it drills into."""

from io import StringIO

from django.core.management import call_command

from accounts.models import User
from overview.tests.test_views import URL, _checked_links, _count


def test_every_figure_of_the_demo_matches_its_list(client, db):
    call_command("load_demo", stdout=StringIO())
    client.force_login(User.objects.get(username="coordinator"))
    figures = client.get(URL).context["figures"]
    checked = list(_checked_links(figures))
    nonzero = {name.split(":")[0] for name, n, _url in checked if n}
    # The demo fills most of the figures, not only the reserve.
    assert {
        "reservists_by_status",
        "plans_by_status",
        "studies",
        "attestations",
    } <= nonzero
    assert [
        (name, n, _count(client, url))
        for name, n, url in checked
        if _count(client, url) != n
    ] == []
