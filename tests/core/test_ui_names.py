"""One name per place in the Chinese UI: 课程中心 (never 课程目录) for the
course catalogue, 我的证书 (never 我的认证) for the learner's certificates."""

from django.urls import reverse
from django.utils import translation


def test_the_header_and_the_pages_use_one_name_each(client, learner):
    client.force_login(learner)
    with translation.override("zh-hans"):
        pages = [
            client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans").text,
            client.get("/certificates/", HTTP_ACCEPT_LANGUAGE="zh-hans").text,
            client.get("/courses/", HTTP_ACCEPT_LANGUAGE="zh-hans").text,
        ]
    for html in pages:
        assert "课程中心" in html and "我的证书" in html
        assert "课程目录" not in html and "我的认证" not in html
