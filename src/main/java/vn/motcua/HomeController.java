package vn.motcua;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The product's front door is Camunda's webapps (Tasklist for staff, Cockpit for analysts). */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/camunda/app/";
    }
}
