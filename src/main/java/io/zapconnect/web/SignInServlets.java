package io.zapconnect.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
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

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/");
        }
    }
}
