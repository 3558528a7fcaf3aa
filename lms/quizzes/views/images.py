from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

# Large enough for a question, small enough for a phone; made once, then cached.
QUESTION_IMAGE_FILTER = "max-1200x1200"


@login_required
@require_GET
def question_image(request, image_id: int):
    """An image shown in a question (imported from Moodle XML).

    Question texts link here rather than to the stored file, whose URL expires on
    S3 storage; every signed-in user may see it, as anyone taking the quiz does.
    """
    image = get_object_or_404(get_image_model(), id=image_id)
    try:
        rendition = image.get_rendition(QUESTION_IMAGE_FILTER)
    except SourceImageIOError as error:  # the file has gone from storage
        raise Http404 from error
    return redirect(rendition.url)
