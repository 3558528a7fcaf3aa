"""Content-Security-Policy: a strict policy for the site, a looser one for /admin/.

The site's policy (CONTENT_SECURITY_POLICY in settings) allows scripts and styles
from our own origin and inline ones only with the request's nonce. Wagtail's admin
still writes inline scripts and style attributes that take no nonce (the date
pickers and inline panels render `<script>` from form widgets, see
wagtail/wagtail#1288 and #7053), so /admin/ gets LMS_ADMIN_CONTENT_SECURITY_POLICY,
which allows inline code but still no other origin, no plugins, no eval and no
framing by another site.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.LMS_ADMIN_PATH_PREFIX)
        ):
            parts.config = settings.LMS_ADMIN_CONTENT_SECURITY_POLICY
            # A nonce would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts
