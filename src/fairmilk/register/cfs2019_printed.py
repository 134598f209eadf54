"""Texts printed on the 2019 CFS form (prompts, instructions), found across wrapped lines."""

from __future__ import annotations

PRINTED: tuple[str, ...] = (
    ("Indicate if your submission covers several levels, e.g. national level and regional level"),
    (
        "How have you heard of these policy recommendations (e.g. CFS meeting or event, "
        "internet, colleagues, government, civil society organization)?"
    ),
    (
        "Have you taken any actions to make these policy recommendations known to colleagues "
        "or other CFS stakeholders (Please tick the answer below)?"
    ),
    (
        "What would you recommend to CFS member states, Rome-based Agencies or/ and other "
        "stakeholders to make CFS policy products more widely known? Please explain:"
    ),
    (
        "Which set(s) of policy recommendations have been used at sub-national, national, "
        "regional or/ and global level to support smallholder agriculture (please tick the "
        "answer below)?"
    ),
    ("[If these policy recommendations have not been used, please go directly to question (xi)]"),
    ("For each set that has been used, please indicate for which main purpose(s) it has been used"),
    (
        "Which policy recommendations were found particularly useful to support smallholders "
        "and their food and nutrition security? Please explain:"
    ),
    (
        "Indicate the results obtained/ expected in the short term and in the medium-to-long "
        "term, with quantitative indications where feasible (i.e. estimate of the number of "
        "smallholders that have been or are expected to be affected)"
    ),
    (
        "(In addition to providing a qualitative assessment, please indicate where feasible "
        "the number of smallholders that have been directly involved in activities, e.g. six "
        "training involving a total of 250 people)"
    ),
    (
        "(In addition to providing a qualitative assessment, please indicate where feasible "
        "the number of smallholders that have been or are expected to be indirectly affected "
        "by activities, e.g. training leading to development of local plan of action expected"
        " to affect 1,000 smallholders)"
    ),
    (
        "Have any specific actions been taken (in line with these policy recommendations) to "
        "promote the realization of women's empowerment, women's rights and gender equality "
        "in the context of smallholder agriculture? Please explain:"
    ),
    (
        "How have female smallholders benefitted (or are expected to benefit) from these "
        "actions in terms of food security and nutrition and the progressive realization of "
        "the right to food? Please explain:"
    ),
    (
        "Have any specific actions been taken (in line with these policy recommendations) to "
        "promote the involvement of youth in agriculture and related activities in the "
        "context of smallholder agriculture? Please explain:"
    ),
    (
        "How have youth benefitted (or are expected to benefit) from these actions in terms "
        "of food security and nutrition and the progressive realization of the right to food "
        "of youth? Please explain:"
    ),
    (
        "How has the use of these policy recommendations contributed (or is expected to "
        "contribute) to achieving the Sustainable Development Goals (SDGs), in particular "
        "SDGs 1 & 2 and some of the SDGs targeted in the 2019 review, and to fostering policy"
        " coherence? (please tick the answer):"
    ),
    (
        "Relevance and expected benefits of the use of these policy recommendations to the UN"
        " Decade of Family Farming and the UN Decade of Action on Nutrition"
    ),
    (
        "How could these policy recommendations contribute to the UN Decade of Family Farming"
        " or (further) contribute to the UN Decade of Action on Nutrition for improving the "
        "food security and nutrition of smallholders? Please explain:"
    ),
    (
        "What were the key catalysts that influenced positively the use of these policy "
        "recommendations for improving the food security and nutrition of smallholders?"
    ),
    (
        "What were the main constraints and challenges in using these CFS policy "
        "recommendations for improving the food security and nutrition smallholders?"
    ),
    ("What good practices would you recommend for successful use of these policy recommendations?"),
    (
        "Do you have any suggestions to make to CFS in order to enhance the use of these "
        "policy recommendations for improving the food security and nutrition of "
        "smallholders?"
    ),
    (
        "Potential use of the policy recommendations for improving the food security and "
        "nutrition of smallholders"
    ),
    (
        "If these policy recommendations have not been used (or not sufficiently used), how "
        "could they be (further) used in the future for improving the food security and "
        "nutrition of smallholders, advancing the progressive realization of the right to "
        "food, achieving SDGs or/ and fostering policy coherence? Please explain:"
    ),
    (
        "What actions could be taken (in line with these policy recommendations) to promote "
        "the realization of women's empowerment, women's rights and gender equality in the "
        "context of smallholder agriculture? Please explain:"
    ),
    (
        "What actions could be taken (in line with these policy recommendations) to promote "
        "the involvement of youth in agriculture and related activities in the context of "
        "smallholder agriculture? Please explain:"
    ),
    "If yes, please explain: What were the different activities?",
    "Results in the short term (qualitative and quantitative):",
    "Results in the medium to long term (qualitative and quantitative):",
    (
        "How have smallholders benefitted (or are expected to benefit) from the use of these "
        "policy recommendations for food security and nutrition in the short and medium to "
        "long-term? How have they contributed to the progressive realization of the right to "
        "food? (please answer in the two boxes below)"
    ),
)
