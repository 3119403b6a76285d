from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """Render a field's widget with Designsystemet's class, tied to its help and error texts."""
    attrs: dict[str, str | bool] = {}
    widget = field.field.widget
    if isinstance(widget, forms.Select) or not isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "ds-input"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
