"""The CRM settings: each destination enabled by its variables, a wrong one named."""

from __future__ import annotations

import pytest

from credit_expert.config import ConfigError, load_settings

SECRET = "0123456789abcdef0123"


def test_only_the_managers_chat_without_crm_settings() -> None:
    assert load_settings({}, dotenv=False).crm.destinations == ("managers",)


def test_each_destination_is_enabled_by_its_settings() -> None:
    crm = load_settings(
        {
            "WEBHOOK_URL": "https://n8n.example.ru/webhook/daria",
            "WEBHOOK_SECRET": SECRET,
            "BITRIX24_WEBHOOK_URL": "https://firm.bitrix24.ru/rest/1/abc123/",
            "BITRIX24_MODE": "deals",
            "AMOCRM_BASE_URL": "https://firm.amocrm.ru",
            "AMOCRM_TOKEN": "token",
            "AMOCRM_PIPELINE_ID": "7",
            "UNATTENDED_LEAD_MINUTES": "30",
        },
        dotenv=False,
    ).crm
    assert crm.destinations == ("managers", "webhook", "bitrix24", "amocrm")
    assert crm.bitrix24_mode == "deals" and crm.amocrm_pipeline_id == 7
    assert crm.unattended_lead_minutes == 30


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"WEBHOOK_URL": "https://n8n.example.ru/hook"}, "WEBHOOK_SECRET"),
        (
            {"WEBHOOK_URL": "https://n8n.example.ru/hook", "WEBHOOK_SECRET": "short"},
            "WEBHOOK_SECRET",
        ),
        ({"WEBHOOK_URL": "ftp://x", "WEBHOOK_SECRET": SECRET}, "WEBHOOK_URL"),
        ({"BITRIX24_MODE": "contacts"}, "BITRIX24_MODE"),
        ({"AMOCRM_BASE_URL": "https://firm.amocrm.ru"}, "AMOCRM_BASE_URL and AMOCRM_TOKEN"),
        ({"AMOCRM_PIPELINE_ID": "seven"}, "AMOCRM_PIPELINE_ID"),
        ({"UNATTENDED_LEAD_MINUTES": "0"}, "UNATTENDED_LEAD_MINUTES"),
    ],
)
def test_a_wrong_setting_is_one_line_naming_it(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(env, dotenv=False)
    assert str(raised.value).startswith(variable) and "\n" not in str(raised.value)
