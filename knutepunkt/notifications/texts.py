"""What each kind of notice says, in the reader's language.

Notices are stored as a kind and parameters; the text is made when someone reads it. E-mails say
only what kind of notice is waiting, never a child's name or situation: an ordinary e-mail is no
place for those.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knutepunkt.notifications.models import NotificationKind

K = NotificationKind

TITLES: dict[str, Promise] = {
    K.MESSAGE: _("New message from the %(family)s family"),
    K.REVIEW_DUE: _("The plan for %(child)s is due for review on %(date)s"),
    K.MEASURE_LATE: _("The measure “%(measure)s” for %(child)s should have ended on %(date)s"),
    K.CONSENT_EXPIRING: _("The %(family)s family's consent to share with %(unit)s ends on %(date)s"),
    K.COMPLAINT_DEADLINE: _("A complaint for %(child)s must be handled by %(date)s"),
    K.MEETING_TOMORROW: _("Meeting tomorrow: %(title)s, %(date)s at %(time)s"),
    K.MEETING_INVITATION: _("You are invited to a meeting: %(title)s, %(date)s at %(time)s"),
    K.MEETING_MOVED: _("A meeting has moved: %(title)s, now %(date)s at %(time)s"),
    K.MINUTES_READY: _("Minutes are ready: %(title)s"),
    K.ACTION_ASSIGNED: _("An action item for you, due %(date)s: %(text)s"),
    K.PLAN_SIGNED: _("The plan for %(child)s was signed by %(signer)s"),
    K.GENERAL: _("%(text)s"),
}


def _display(key: str, value: object) -> str:
    """Dates travel as ISO text; show them the reader's way."""
    text = str(value)
    if key == "date":
        try:
            return str(formats.date_format(datetime.date.fromisoformat(text), "SHORT_DATE_FORMAT"))
        except ValueError:
            return text
    return text


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def title_of(kind: str, params: Mapping[str, object]) -> str:
    template = TITLES.get(kind, TITLES[K.GENERAL])
    return str(template) % _Missing({key: _display(key, value) for key, value in params.items()})


def email_subject(kind: str) -> str:
    label = (
        NotificationKind(kind).label if kind in NotificationKind.values else NotificationKind.GENERAL.label
    )
    return str(_("Knutepunkt: %(what)s") % {"what": label})
