"""Uploaded files (MEDIA_ROOT) served so that none can act as a page of this site.

Opened directly, an uploaded SVG with a <script> (or any file a browser renders as
a document) would run on the site's origin with the viewer's session and could
call the admin. Every file therefore gets a policy that runs nothing and loads
nothing (`sandbox`, `default-src 'none'`), and anything but a raster image is a
download. An <img src> still shows an SVG: an image is never a document, and
Content-Disposition only applies to what the browser navigates to. A web server
that serves MEDIA_ROOT in front of the app must send the same two headers
(README, "Uploaded files").
"""

from django.conf import settings
from django.views.static import serve

# style-src 'unsafe-inline': SVG drawings style themselves; styles run no code.
MEDIA_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
)
INLINE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}
)


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in INLINE_TYPES:
        # FileResponse wrote `inline; filename="..."`: keep the name, not the inline.
        name = response.get("Content-Disposition", "").partition(";")[2]
        response["Content-Disposition"] = f"attachment;{name}" if name else "attachment"
    return response
