package vn.motcua.security;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After the staff session ended: our pages' "Đăng xuất / Sign out" lands on the sign-in page; the
 * webapps' logout (a script's call) gets 204 and the webapps then go to the sign-in page
 * themselves. With OpenID Connect the sign-in page then also ends the provider's session
 * ({@link SignInPage}), told so by a short-lived cookie, so nobody at a shared counter is signed
 * back in without a password.
 */
class SignedOut implements LogoutSuccessHandler {

    static final String COOKIE = "motcua-signed-out";

    private final SignInProperties signIn;

    SignedOut(SignInProperties signIn) {
        this.signIn = signIn;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication user)
            throws IOException {
        if (signIn.usesOidc()) {
            Cookie cookie = new Cookie(COOKIE, "1");
            cookie.setPath(request.getContextPath() + "/login");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(300);
            response.addCookie(cookie);
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(request.getContextPath() + "/login?logout");
        }
    }
}
