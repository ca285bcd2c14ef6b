package com.autograph.auth.audit;

/** Every auth event the audit trail records. */
public enum AuditAction {

    REGISTER, VERIFY_EMAIL, LOGIN, REFRESH, REFRESH_REUSE, LOGOUT, LOGOUT_ALL, SESSION_REVOKE, SESSION_EVICTED,
    PASSWORD_RESET_REQUEST, PASSWORD_RESET, PASSWORD_CHANGE, MFA_ENABLE, MFA_DISABLE, API_KEY_CREATE, API_KEY_REVOKE,
    ROLE_CHANGE, ACCOUNT_LOCKED, ACCOUNT_UNLOCKED, ACCOUNT_DEACTIVATED;

    public String value() {
        return name().toLowerCase();
    }

}
