"""The officer's list of co-signatories as HTML rows, built in Python rather than by a template
loop: 25 rows of five cells, each with translated labels, a checkbox, a date and the personal
paragraph, were most of the page's time in the template engine (as the directory's list, see
`places.listing`). The labels are translated once per page, not once per row."""

from django.template.defaultfilters import linebreaksbr
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The empty filter form (the list as it opens) as HTML, per language: the same for everyone.
_EMPTY_FILTER_FIELDS: dict[str, SafeString] = {}


def filter_fields(form) -> SafeString:
    """The filter form's fields as HTML (each `as_field_group`); an empty (unbound) form is
    rendered once per language and process."""
    if form.is_bound:
        return _field_groups(form)
    language = get_language() or ""
    html = _EMPTY_FILTER_FIELDS.get(language)
    if html is None:
        html = _EMPTY_FILTER_FIELDS[language] = _field_groups(form)
    return html


def _field_groups(form) -> SafeString:
    return mark_safe("".join(field.as_field_group() for field in form))  # noqa: S308 - Django's own rendering


def signatory_rows(signatures) -> SafeString:
    """One `<tr>` per co-signature of `signatures` (as `selectors.officer_signatories` loads
    them): what `campaigns/officer_signatories.html` shows in its table body."""
    select = escape(_("Select"))
    name_label = escape(_("Name"))
    confirmed_label = escape(_("Confirmed on"))
    email_label = escape(_("E-mail address"))
    paragraph_label = escape(_("Personal paragraph"))
    select_name = _("Select %(name)s")
    may_not = escape(_("may not be answered"))
    not_shared = escape(_("not shared"))
    rows = []
    for signature in signatures:
        name = escape(signature.name)
        if signature.share_email_with_council:
            pk = escape(signature.pk)
            choice = (f'<input type="checkbox" name="signatures" value="{pk}" id="select-{pk}" '
                      f'aria-label="{select_name % {"name": name}}">')
            email = escape(signature.email)
            contact = f'<a href="mailto:{email}">{email}</a>'
        else:
            choice = f'<span class="help">{may_not}</span>'
            contact = f'<span class="help">{not_shared}</span>'
        confirmed = escape(date_format(template_localtime(signature.confirmed_at),
                                       "SHORT_DATE_FORMAT"))
        paragraph = linebreaksbr(signature.message, autoescape=True) or "–"
        rows.append(
            f"\n  <tr>\n"
            f'    <td data-label="{select}">{choice}</td>\n'
            f'    <td data-label="{name_label}">{name} <span class="help">'
            f"({escape(signature.postal_code)})</span></td>\n"
            f'    <td data-label="{confirmed_label}">{confirmed}</td>\n'
            f'    <td data-label="{email_label}" class="signatory-email">{contact}</td>\n'
            f'    <td data-label="{paragraph_label}">{paragraph}</td>\n'
            f"  </tr>")
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
