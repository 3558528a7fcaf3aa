"""Company sign-in (SSO) through django-allauth: OpenID Connect, DingTalk, Feishu.

Off unless configured from the environment (config.py); accounts are matched by
工号 or verified e-mail (matching.py), never created unless LMS_SSO_CREATE_USERS.
"""
