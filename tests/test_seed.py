"""Every work of the seed reading list is in the catalogue, with the topic of each section it is in."""

from __future__ import annotations

from sftsurvey import catalogue
from sftsurvey.seedlist import read_seed_list

# Seed-list title (as written there) -> catalogue key. Titles differ where a paper was retitled
# (the catalogue keeps the current title and names the former one in its note).
SEED_TO_KEY = {
    "Exploring the Impact of Instruction Data Scaling on Large Language Models: An Empirical "
    "Study on Real-World Use Cases": "ji2023exploring",
    "Lima: Less is more for alignment": "zhou2023lima",
    "Maybe Only 0.5% Data is Needed: A Preliminary Exploration of Low Training Data Instruction "
    "Tuning": "chen2023maybe",
    "Scaling Relationship on Learning Mathematical Reasoning with Large Language Models": "yuan2023scaling",
    "How Abilities In Large Language Models Are Affected By Supervised Fine-Tuning Data "
    "Composition": "dong2023how",
    "Dynamics of Instruction Tuning: Each Ability of Large Language Models Has Its Own Growth "
    "Pace": "song2023dynamics",
    "Self-refine: Iterative refinement with self-feedback": "madaan2023selfrefine",
    "Enhancing Chat Language Models by Scaling High-quality Instructional Conversations": "ding2023enhancing",
    "Enhancing Chat Language Models by Scaling High-quality Instructional Conversation": "ding2023enhancing",
    "SelFee: Iterative Self-Revising LLM Empowered by Self-Feedback Generation": "ye2023selfee",
    "INSTRUCTEVAL: Towards Holistic Evaluation of Instruction-Tuned Large Language Models": "chia2023instructeval",
    "Instruction mining: High-quality instruction data selection for large language models": "cao2023instruction",
    "Harnessing the Power of David against Goliath: Exploring Instruction Data Generation "
    "without Using Closed-Source Models": "wang2023harnessing",
    "Self-Alignment with Instruction Backtranslation": "li2023selfalignment",
    "SELF: Language-Driven Self-Evolution for Large Language Models": "lu2023self",
    "Automatic Instruction Optimization for Open-source LLM Instruction Tuning": "liu2023coachlm",
    "Self-instruct: Aligning language models with self-generated instructions": "wang2022selfinstruct",
    "Stanford Alpaca": "taori2023stanford",
    "InsTag: Instruction Tagging for Analyzing Supervised Fine-Tuning of Large Language Models": "lu2023instag",
    "Explore-Instruct: Enhancing Domain-Specific Instruction Coverage through Active Exploration": "wan2023exploreinstruct",
    "DiffTune: A Diffusion-Based Approach to Diverse Instruction-Tuning Data Generation": "wang2023difftune",
    "Data Diversity Matters for Robust Instruction Tuning": "bukharin2023data",
    "WizardLM: Empowering Large Language Models to Follow Complex Instructions": "xu2023wizardlm",
    "WizardCoder: Empowering Code Large Language Models with Evol-Instruct": "luo2023wizardcoder",
    "Orca: Progressive Learning from Complex Explanation Traces of GPT-4": "mukherjee2023orca",
    "A Preliminary Study of the Intrinsic Relationship between Complexity and Alignment": "zhao2023treeinstruct",
    "Can Large Language Models Understand Real-World Complex Instructions?": "he2023can",
    "Followbench: A multi-level fine-grained constraints following benchmark for large language "
    "models": "jiang2023followbench",
}


def test_seed_list_is_read_completely():
    items = read_seed_list()
    assert len(items) == 30  # LIMA three times, UltraChat twice
    assert len({SEED_TO_KEY[i.title] for i in items}) == 27


def test_every_seed_work_is_catalogued_with_its_section_topics():
    cat = catalogue.load()
    for item in read_seed_list():
        assert item.title in SEED_TO_KEY, f"line {item.line}: {item.title!r} has no mapping"
        paper = cat[SEED_TO_KEY[item.title]]
        assert item.topic in paper.topics, f"{paper.key} lacks topic {item.topic}"
        assert paper.get("origin") == "seed"


def test_seed_titles_match_the_current_or_a_former_title():
    """A seed title is the entry's title, or is named in its note as a former title."""

    def norm(text: str) -> str:
        return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())

    cat = catalogue.load()
    for title, key in SEED_TO_KEY.items():
        paper = cat[key]
        haystack = norm(paper.title + " " + paper.get("note"))
        close = norm(title)[:60]
        assert close in haystack, f"{key}: seed title {title!r} neither title nor noted"


def test_topics_are_exactly_the_seed_sections():
    cat = catalogue.load()
    expected: dict[str, set[str]] = {}
    for item in read_seed_list():
        expected.setdefault(SEED_TO_KEY[item.title], set()).add(item.topic)
    for paper in cat:
        if paper.get("origin") == "seed":
            assert set(paper.topics) == expected[paper.key], paper.key
