"""The scrutineer's challenge and the manager's answer. Whether a subject may be challenged
and whether a challenge may be answered are meetings.challenges' rules."""

from django import forms


class ChallengeForm(forms.Form):
    text = forms.CharField(
        label="Your challenge",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you ask the partnership to explain or do. The partnership manager must "
        "answer it, and it is listed in the meeting pack until they do",
        error_messages={"required": "Enter your challenge"},
    )


class ChallengeAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The partnership's answer, as the scrutineer and the audit trail will read it. "
        "It cannot be changed once sent",
        error_messages={"required": "Enter your answer"},
    )
