package io.zapconnect.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signing in and out of the demo; the container does the authenticating (FORM login, web.xml). */
final class SignInServlets {

    private SignInServlets() {
    }

    /** Protected by web.xml: reaching it means the container signed the user in. Back to the page. */
    @WebServlet("/signin")
    public static class SignIn extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
            // On every server, not only this one: the cookie is recorded as signed out.
            signOuts.signOut(request);
            response.sendRedirect(request.getContextPath() + "/");
        }
    }
}
