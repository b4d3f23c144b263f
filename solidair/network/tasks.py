"""Background work of the learning network: building a brochure's PDFs."""

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django_tasks import task

from solidair.network import brochure as builder
from solidair.network.models import Brochure


def _progress(brochure: Brochure, state: str, progress: int) -> None:
    brochure.state, brochure.progress = state, progress
    Brochure.objects.filter(pk=brochure.pk).update(state=state, progress=progress)


@task()
def build_brochure(brochure_id: int) -> str:
    """Render the Dutch edition (and the French one when practices have French text)."""
    brochure = Brochure.objects.select_related("meeting").filter(pk=brochure_id).first()
    if brochure is None or brochure.state == Brochure.State.READY:
        return "skipped"
    _progress(brochure, Brochure.State.BUILDING, 10)
    try:
        practices = builder.brochure_practices(brochure)
        languages = ["nl", "fr"] if builder.has_french(practices) else ["nl"]
        files = {}
        for index, language in enumerate(languages):
            with translation.override(language):
                svg = builder.map_svg()
                pdf = builder.render(brochure, practices, language=language, svg=svg)
            files[language] = pdf
            brochure.has_map = svg is not None
            _progress(brochure, Brochure.State.BUILDING, 10 + 80 * (index + 1) // len(languages))
        stem = f"brochure-{brochure.pk}-v{brochure.version}"
        brochure.pdf.save(f"{stem}-nl.pdf", ContentFile(files["nl"]), save=False)
        if "fr" in files:
            brochure.pdf_fr.save(f"{stem}-fr.pdf", ContentFile(files["fr"]), save=False)
        brochure.page_count = builder.page_count(files["nl"])
        brochure.languages = languages
        brochure.state, brochure.progress = Brochure.State.READY, 100
        brochure.built_at = timezone.now()
        brochure.error = ""
        brochure.save()
    except Exception as error:  # noqa: BLE001 - recorded and shown to the coordinator
        Brochure.objects.filter(pk=brochure.pk).update(
            state=Brochure.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
        raise
    return "ready"
