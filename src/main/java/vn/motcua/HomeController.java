package vn.motcua;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The product's front door after signing in: Tasklist for a unit's staff (their work), Cockpit for
 * analysts and administrators (the procedures).
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication user) {
        boolean staff = user.getAuthorities().stream().map(Object::toString)
                .anyMatch(role -> role.matches("ROLE_(CLERK|SPECIALIST|LEADER|RECORDS)"));
        return staff ? "redirect:/camunda/app/tasklist/default/" : "redirect:/camunda/app/cockpit/default/";
    }
}
