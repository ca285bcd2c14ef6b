package com.autograph.auth.user;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.auth.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;

@RestController
@RequestMapping("/api/auth")
class UserController {

    private final UserRepository users;

    UserController(UserRepository users) {
        this.users = users;
    }

    @Operation(summary = "The signed-in user")
    @GetMapping("/me")
    UserView me(TrustedIdentity caller) {
        return users.findById(Callers.id(caller))
            .map(UserView::of)
            .orElseThrow(() -> ApiException.unauthorized("session_ended", "This account no longer exists."));
    }

}
