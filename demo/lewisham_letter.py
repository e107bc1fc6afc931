"""The Lewisham JTAI letter of 31 January 2023, verbatim, as published by Ofsted.

Crown copyright, reused under the Open Government Licence. The demo loader uses it;
tests check it against the letter itself (tests/fixtures/).
"""

HEADLINE_FINDINGS = "Lewisham's Safeguarding Children Partnership (LSCP) arrangements are well established and are becoming increasingly effective. Stability of leadership since 2019 and a shared ambition and determination to drive forward continuous improvement are key factors positively influencing the partnership's progress in strengthening their 'front door' services.\n\nThe partners know their services well and have an accurate understanding of the collective local and national challenges they face. Shared priorities that are informed by the experiences of local children and their families are communicated across the partnership and inform renewed strategic and operational plans. Committed staff, managers and multi-agency teams are working proactively in a complex multi-faceted and demanding environment. A resolute focus on protecting children living with neglect and parental domestic abuse and children who are criminally and sexually exploited or missing from home is beginning to ameliorate children's circumstances before risk of harm escalates.\n\nLeaders are fully aware that they have more to do together to ensure that children receive consistently effective help and protection. In particular, further work is needed to resolve a significant shortfall in capacity out of hours, to develop child safeguarding practice and multi-agency engagement with adult mental health services, and to address barriers to effective communication systems across teams and within agencies."

WHAT_NEEDS_TO_IMPROVE = [
    "The length of time children spend in police stations out of hours.",
    "Staffing capacity in the emergency duty team, the police missing persons unit and the "
    "referral and assessment teams.",
    "The inclusion of all relevant professionals in meetings and their access to pertinent "
    "information about children and their families.",
    "Internal and external information-sharing systems in all agencies, so that appropriate "
    "individuals and organisations receive the correct reports and decisions following the "
    "outcome of referrals, strategy meetings, child protection investigations and assessments.",
    "Systems to track the invitations, attendance and contributions of all partners at strategy "
    "meetings.",
    "Timeliness of completion and sharing of multi-agency hospital discharge and protection plans "
    "prior to the birth of vulnerable babies.",
    "Adult mental health services' child safeguarding and risk-assessment practice.",
    "The LSCP's understanding about the impact of multi-agency training.",
]

STRENGTHS = [
    "Despite increased demand pressures, leaders' continuous and strenuous efforts to "
    "collectively drive forward improvement are making a positive difference to the quality of "
    "front door practice with their most vulnerable children and residents. Leaders know their "
    "services well. They are unwavering in their efforts to drive improvement but acknowledge "
    "that practice is not consistently strong enough.",
    "Good engagement by partners in LSCP multi-agency sub-groups ensures that their work is "
    "aligned to shared partnership priorities and strategies. Together, the partners are focusing "
    "on improving how they analyse, evaluate and report on their impact on children's "
    "experiences. Joint working is augmented by the objective challenge provided by the "
    "independent scrutineer.",
    "Targeted support in the newly reconfigured multi-agency early help 'Family Thrive' service "
    "means that multidisciplinary early help is starting to be prioritised for the most "
    "vulnerable families. Action by local authority leaders to reintegrate early help into "
    "children's services is helping to accelerate the requisite multi-agency improvements.",
    "Partnership leaders provide effective guidance and training to help practitioners identify "
    "children in need of help and protection. Consequently, professionals understand thresholds "
    "for statutory interventions and how to refer concerns about children.",
    "The voice of children and their families is captured and analysed effectively in hospital "
    "emergency departments, in police and school referrals and in subsequent safeguarding "
    "meetings and assessments.",
    "Children who are at immediate risk of significant harm receive a prompt, proportionate and, "
    "in most cases, effective response across the partnership through the multi-agency "
    "safeguarding hub (MASH).",
    "Multi-agency partners are sensitive to pressures on parents who are living with poverty, "
    "food and fuel debt, and homelessness, but this does not detract from them being curious "
    "about the impact on children's well-being or from making child-centred decisions based on "
    "their assessment of needs, risk and harm.",
    "Most strategy meetings are timely and include relevant agencies, although multiagency "
    "attendance is not consistent enough.",
    "The incidence of knife crime and serious youth violence is high and supporting children at "
    "risk of extra-familial harm is a key priority for the LSCP. Black Caribbean and African boys "
    "and young men are disproportionately represented as victims and perpetrators of serious "
    "youth violence in the borough. Professionals across agencies work conscientiously to "
    "understand children's cultural heritage and diverse needs and to challenge discrimination.",
    "Practitioners from across all agencies increasingly benefit from effective safeguarding "
    "supervision, case direction and support.",
]
