"""The residents' letter as data: one editable text per language, with its history.

Coordinators change the wording in the admin without touching code. The texts hold a few
named placeholders (see `PLACEHOLDERS`); anything else in braces is refused when saving, so
no placeholder can reach a letter.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LetterLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English (reading version)")


# The placeholders each field may hold, filled in by `solidair.documents.letter`.
_MUNICIPALITY = ("municipality", "title", "title_word")
PLACEHOLDERS = {
    "addressee": _MUNICIPALITY,
    "subject": _MUNICIPALITY,
    "salutation": (),
    "introduction": _MUNICIPALITY,
    "personal_heading": (),
    "body": (*_MUNICIPALITY, "sponsorship_note", "members_note"),
    "contact_email_phone": ("email", "phone"),
    "contact_email": ("email",),
    "closing": (),
    "cosigners_heading": (),
    "more_info": _MUNICIPALITY,
    "sponsorship_note": (),
    "members_note": ("members",),
    "member_joined_as": ("name", "joined_as"),
    "city_title": ("name",),
    "municipality_title": ("name",),
    "city_word": (),
    "municipality_word": (),
}
PLACEHOLDER_RE = re.compile(r"\{([^{}\s]*)\}")
# The blanks of the original Word letter; they must never come back through an edit.
LEGACY_BLANKS = ("XXX", "[Gemeente/Stad", "[Stad/Gemeente", "[Naam]", "[e-mail]",
                 "[gsm-nummer]")


def _braced(names) -> str:
    return ", ".join(f"{{{name}}}" for name in names)


class LetterTemplate(models.Model):
    """The letter in one language. Body syntax: blocks separated by a blank line; a block
    starting with "# " is a heading; lines starting with "- " are list items."""

    language = models.CharField(_("language"), max_length=2, choices=LetterLanguage,
                                unique=True)
    addressee = models.TextField(_("addressee"), help_text=_("Placeholders: {title}."))
    subject = models.CharField(_("subject line"), max_length=200)
    salutation = models.CharField(_("salutation"), max_length=100)
    introduction = models.TextField(
        _("introduction"),
        help_text=_("Paragraphs before the resident's own words. Placeholders: {municipality}, "
                    "{title}, {title_word}."))
    personal_heading = models.CharField(
        _("heading of the resident's own words"), max_length=100)
    body = models.TextField(
        _("body"),
        help_text=_("Blocks separated by an empty line; '# ' starts a heading, '- ' a list "
                    "item. Placeholders: {municipality}, {title}, {title_word}, and the "
                    "footnote marks {sponsorship_note} and {members_note}."))
    contact_email_phone = models.CharField(
        _("contact sentence (e-mail and phone)"), max_length=300,
        help_text=_("Placeholders: {email}, {phone}."))
    contact_email = models.CharField(_("contact sentence (e-mail only)"), max_length=300,
                                     help_text=_("Placeholder: {email}."))
    closing = models.CharField(_("closing"), max_length=100)
    cosigners_heading = models.CharField(_("heading of the co-signatories"), max_length=100)
    more_info = models.TextField(_("closing note"), blank=True)
    sponsorship_note = models.TextField(_("footnote on community sponsorship"))
    members_note = models.TextField(_("footnote listing the members"),
                                    help_text=_("Placeholder: {members}, today's members."))
    member_joined_as = models.CharField(
        _("member that joined under an older name"), max_length=100,
        help_text=_("Placeholders: {name}, {joined_as}."))
    city_title = models.CharField(_("title of a city"), max_length=100,
                                  help_text=_("Placeholder: {name}, e.g. 'Stad {name}'."))
    municipality_title = models.CharField(_("title of a municipality"), max_length=100,
                                          help_text=_("Placeholder: {name}."))
    city_word = models.CharField(_("word for a city"), max_length=40)
    municipality_word = models.CharField(_("word for a municipality"), max_length=40)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["language"]
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")

    def __str__(self):
        return str(self.get_language_display())

    def clean(self):
        errors = {}
        for field, allowed in PLACEHOLDERS.items():
            value = getattr(self, field) or ""
            unknown = sorted({name for name in PLACEHOLDER_RE.findall(value)
                              if name not in allowed})
            if unknown:
                errors[field] = _("Unknown placeholder(s): %(names)s. Allowed here: "
                                  "%(allowed)s.") % {"names": _braced(unknown),
                                                     "allowed": _braced(allowed) or "-"}
            elif any(blank in value for blank in LEGACY_BLANKS):
                errors[field] = _("Replace the blanks of the old letter (XXX, [Naam], ...) by "
                                  "placeholders.")
        if errors:
            raise ValidationError(errors)
