from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedSource(models.Model):
    """Which file in content/ a page comes from, and what was imported last.

    An admin edit makes a newer revision than `revision`; the importer then
    skips the page unless forced, so trainers' work is never lost silently.
    """

    path = models.CharField(_("Source path"), max_length=300, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="imported_source"
    )
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Imported source file")

    def __str__(self):
        return self.path

    def edited_since_import(self) -> bool:
        return self.page.latest_revision_id != self.revision_id


class ImportedImage(models.Model):
    """An image file from content/courses/<course>/images/ and its Wagtail image."""

    path = models.CharField(max_length=300, unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    content_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Imported image")

    def __str__(self):
        return self.path
