package io.zapconnect.demo;

import io.zapconnect.web.SameOrigin;
import io.zapconnect.web.SignOuts;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Signing in and out of the demo. Production takes its users from the host application; only the
 * demo artifact carries these servlets and their pages.
 */
final class DemoSignIn {

    private DemoSignIn() {
    }

    /**
     * The demo's sign-in form posts here, not to the container's {@code j_security_check}: a form
     * login endpoint accepts a post from any site (login CSRF, the victim signed in as the
     * attacker), and container filters never see it. Here a cross-site post is refused before the
     * container is asked to check the password ({@link HttpServletRequest#login}).
     */
    @WebServlet("/signin")
    public static class SignIn extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendRedirect(request.getContextPath() + (request.getUserPrincipal() == null ? "/login.html" : "/"));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!SameOrigin.of(request)) {
                SameOrigin.refuse(response);
                return;
            }
            String name = request.getParameter("username");
            String password = request.getParameter("password");
            try {
                if (request.getUserPrincipal() != null) {
                    request.logout();
                }
                request.login(name == null ? "" : name, password == null ? "" : password);
            } catch (ServletException refused) {
                response.sendRedirect(request.getContextPath() + "/login-failed.html");
                return;
            }
            response.sendRedirect(request.getContextPath() + "/");
        }
    }

    /** Ends the session; POST only, so a link on another site cannot sign anybody out. */
    @WebServlet("/signout")
    public static class SignOut extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Inject
        SignOuts signOuts;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (!SameOrigin.of(request)) {
                SameOrigin.refuse(response);
                return;
            }
            // On every server, not only this one: the cookie is recorded as signed out.
            signOuts.signOut(request);
            response.sendRedirect(request.getContextPath() + "/");
        }
    }
}
