"""The certificate registry: search, filters, statuses, links."""

from datetime import timedelta

import pytest
import time_machine

from lms.certification.status import certificate_standing
from lms.reports.selectors import RegistryFilters, registry_queryset
from tests.reports.helpers import NOW, certificate, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(world):
    lin = learner(world, "rep-lin", display_name="林晓雨", employee_no="KF2026001")
    an = learner(world, "rep-an", display_name="安然", cohort=world.other_cohort)
    return {
        "certified": certificate(lin, world.path, issued_at=NOW - timedelta(days=10)),
        "expiring": certificate(
            an,
            world.path,
            issued_at=NOW - timedelta(days=340),
            expires_at=NOW + timedelta(days=25),
        ),
        "expired": certificate(
            an,
            world.path,
            issued_at=NOW - timedelta(days=800),
            expires_at=NOW - timedelta(days=435),
            status="expired",
        ),
        "lapsed": certificate(  # still "valid" in the table, past its date
            an,
            world.path,
            issued_at=NOW - timedelta(days=500),
            expires_at=NOW - timedelta(days=1),
            status="superseded",
        ),
        "revoked": certificate(
            lin, world.path, issued_at=NOW - timedelta(days=90), status="revoked"
        ),
    }


def serials(**filters):
    with time_machine.travel(NOW, tick=False):
        return {c.serial for c in registry_queryset(RegistryFilters(**filters))}


def test_search_by_name_employee_number_or_serial(certificates):
    lin = {certificates["certified"].serial, certificates["revoked"].serial}
    assert serials(q="晓雨") == lin
    assert serials(q="kf2026001") == lin
    assert serials(q=certificates["expiring"].serial) == {
        certificates["expiring"].serial
    }


@pytest.mark.parametrize(
    ("status", "key"),
    [
        ("certified", "certified"),
        ("expiring", "expiring"),
        ("expired", "expired"),
        ("revoked", "revoked"),
        ("superseded", "lapsed"),
    ],
)
def test_the_status_filter_agrees_with_status_py(certificates, status, key):
    found = serials(status=status)
    assert found == {certificates[key].serial}
    for item in certificates.values():
        assert (certificate_standing(item, NOW) == status) == (item.serial in found)


def test_filter_by_path_and_cohort(certificates, world):
    assert len(serials(path_id=world.path.pk)) == 5
    assert serials(cohort_id=world.other_cohort.pk) == {
        certificates[key].serial for key in ("expiring", "expired", "lapsed")
    }


def test_the_registry_page_links_each_certificate_to_its_hr_page(
    client, hr, certificates
):
    client.force_login(hr)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/hr/certificates/?q=林晓雨").content.decode()
    serial = certificates["certified"].serial
    assert serial in html and f"/hr/certificates/{serial}/" in html
    assert f"/hr/learners/{certificates['certified'].user_id}/" in html
    assert certificates["expiring"].serial not in html
