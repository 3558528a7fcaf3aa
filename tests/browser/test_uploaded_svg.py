"""An SVG with a script, stored in /media/ (say, uploaded before SVG uploads were
refused), cannot run on the site's origin in Chromium.

The live test server answers /media/ itself, around the app; so the browser's
requests for /media/ are answered here with the app's own response (URL routing,
middleware, lms/core/media.py), as a deployed site that lets the app serve media
would answer them.
"""

from urllib.parse import urlparse

import pytest
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SVG_WITH_SCRIPT = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"'
    " onload=\"console.log('svg-ran:onload')\">"
    '<rect width="40" height="40" fill="#1f6feb"/>'
    "<script>console.log('svg-ran:' + document.domain)</script></svg>"
)
PATH = "/media/original_images/chart.svg"


@pytest.fixture
def stored_svg(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "chart.svg").write_text(SVG_WITH_SCRIPT)
    return PATH


def serve_media_from_the_app(page, *, drop_headers: tuple[str, ...] = ()) -> None:
    client = Client()

    def answer(route):
        response = client.get(urlparse(route.request.url).path)
        body = b"".join(response.streaming_content)
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in drop_headers
        }
        route.fulfill(status=response.status_code, headers=headers, body=body)

    page.unroute("**/media/**")
    page.route("**/media/**", answer)


def script_runs(page, url: str) -> bool:
    ran = []
    listener = lambda message: message.text.startswith("svg-ran") and ran.append(1)  # noqa: E731
    page.on("console", listener)
    page.goto(url)
    page.wait_for_timeout(300)
    page.remove_listener("console", listener)
    return bool(ran)


def test_opening_a_stored_svg_downloads_it_instead_of_showing_it(page, stored_svg):
    serve_media_from_the_app(page)
    with page.expect_download() as download:
        with pytest.raises(Exception, match="Download is starting|ERR_ABORTED"):
            page.goto(stored_svg)
    assert download.value.suggested_filename == "chart.svg"


def test_even_shown_as_a_page_the_svg_script_does_not_run_on_the_origin(
    page, stored_svg
):
    # The control: without the media headers the script runs on our origin.
    serve_media_from_the_app(
        page, drop_headers=("content-disposition", "content-security-policy")
    )
    assert script_runs(page, stored_svg)
    # The policy alone (as if the download header were lost) stops it.
    serve_media_from_the_app(page, drop_headers=("content-disposition",))
    assert not script_runs(page, stored_svg)


def test_the_svg_still_shows_as_an_image_in_a_page(page, stored_svg):
    serve_media_from_the_app(page)
    page.goto("/accounts/login/")
    width = page.evaluate(
        """(src) => new Promise((done) => {
             const img = new Image();
             img.onload = () => done(img.naturalWidth);
             img.onerror = () => done(0);
             img.src = src;
           })""",
        stored_svg,
    )
    assert width == 40
