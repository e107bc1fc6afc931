"""The GOV.UK error summary: each message links to the input the person must correct."""

from django import forms, template

register = template.Library()


@register.filter
def error_target_id(bound_field) -> str:
    """The id of the first input of a field, which the error summary's link must focus.

    crispy-forms-gds numbers radio and checkbox inputs from 1 (id_<name>_1) and date
    parts from 0 (id_<name>_0 is the day), while the field's own id names no input.
    """
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"id_{bound_field.html_name}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
