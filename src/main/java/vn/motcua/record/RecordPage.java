package vn.motcua.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.motcua.deadline.Deadlines;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitDirectory;
import vn.motcua.web.Problem;

/**
 * The record page for staff ({@code /records/{code}}, trang hồ sơ): everything about one record
 * on one server-rendered page, in Vietnamese with English beside it, and the actions the signed-in
 * user may take now — sign the drafted result (the leader, at approval), open their task in
 * Tasklist, download the result. Every task form links here. Who may see it is the records API's
 * rule ({@link RecordAccess}): the record's unit's staff, a unit consulted on it, administrators.
 */
@Controller
class RecordPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final RecordQueries records;
    private final ResultSigning signing;
    private final Apologies apologies;
    private final TaskService tasks;
    private final SystemAuthority system;
    private final StaffDirectory staff;
    private final UnitDirectory units;
    private final ZoneId zone;
    private final Deadlines deadlines;
    private final LeaderActions leaders;
    private final vn.motcua.deadline.NoticeFollowUp notices;
    private final LateRecords lateRecords;
    private final PendingWork pendingWork;

    RecordPage(RecordQueries records, ResultSigning signing, Apologies apologies, TaskService tasks, SystemAuthority system, StaffDirectory staff,
            UnitDirectory units, Deadlines deadlines, LeaderActions leaders,
            vn.motcua.deadline.NoticeFollowUp notices, LateRecords lateRecords, PendingWork pendingWork) {
        this.pendingWork = pendingWork;
        this.lateRecords = lateRecords;
        this.deadlines = deadlines;
        this.leaders = leaders;
        this.notices = notices;
        this.records = records;
        this.signing = signing;
        this.apologies = apologies;
        this.tasks = tasks;
        this.system = system;
        this.staff = staff;
        this.units = units;
        this.zone = deadlines.calendar().zone();
    }

    @GetMapping("/records/{code}")
    String page(@PathVariable String code, Authentication user, Model model) {
        Caller caller = caller(user);
        RecordView record = records.find(RecordController.code(code), caller);
        List<Task> open = openTasks(code);
        Task mine = open.stream().filter(task -> mayWork(task, user)).findFirst().orElse(null);
        boolean leaderAtApproval = mine != null && "Task_Approval".equals(mine.getTaskDefinitionKey());
        model.addAttribute("record", record);
        model.addAttribute("data", records.data(record.code(), caller));
        model.addAttribute("page", this);
        model.addAttribute("user", staff.fullName(user.getName()));
        model.addAttribute("unitName", units.label(record.unit()));
        model.addAttribute("myTask", mine);
        model.addAttribute("mayMonitor", has(user, "ROLE_LEADER", "ROLE_ANALYST", "ROLE_ADMIN"));
        model.addAttribute("signing", leaderAtApproval);
        // the draft and the signed copy are dropped once the sealed result supersedes them (issue #16)
        RecordView.Document draft = latest(record, "result-draft");
        RecordView.Document signed = latest(record, "result-signed");
        model.addAttribute("draft", draft != null ? draft : signed != null ? signed : latest(record, "result"));
        model.addAttribute("signed", latest(record, "result-signed"));
        model.addAttribute("result", latest(record, "result"));
        model.addAttribute("pendingWork", pendingWork.of(record.code()));
        // a failure's text may name services' addresses or a registry's request: for administrators only
        model.addAttribute("showErrors", has(user, "ROLE_ADMIN"));
        model.addAttribute("lateSteps", leaders.lateSteps(record.code(), caller));
        model.addAttribute("apologyDue", has(user, "ROLE_LEADER") && lateRecords.openApologyTask(record.code()).isPresent());
        model.addAttribute("notices", notices.ofRecord(record.code()));
        model.addAttribute("myGroups", user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).toList());
        model.addAttribute("mySignature", record.signatures().stream()
                .filter(s -> "personal".equals(s.kind()) && user.getName().equals(s.signer())).reduce((a, b) -> b)
                .orElse(null));
        return "records/record";
    }

    /** The leader signs the draft with the PIN of their signing credential (remote, CSC). */
    @PostMapping(path = "/records/{code}/signature", params = "pin")
    String signWithPin(@PathVariable String code, @RequestParam String pin, Authentication user,
            RedirectAttributes flash) {
        signing.sign(RecordController.code(code), pin, null, caller(user));
        flash.addFlashAttribute("done", "Đã ký số dự thảo kết quả / The draft result is signed");
        return "redirect:/records/" + code + "#sign";
    }

    /** The leader uploads the draft signed with their own tool (a USB token). */
    @PostMapping(path = "/records/{code}/signature", params = "!pin")
    String signByUpload(@PathVariable String code, @RequestParam(name = "file", required = false) MultipartFile file,
            Authentication user, RedirectAttributes flash) {
        if (file == null || file.isEmpty()) {
            throw Problem.badRequest("file", "chọn tệp PDF đã ký / choose the signed PDF file");
        }
        IncomingDocument signed;
        try {
            signed = new IncomingDocument("file", file.getOriginalFilename() == null ? "signed.pdf"
                    : file.getOriginalFilename(), file.getContentType(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signing.sign(RecordController.code(code), null, signed, caller(user));
        flash.addFlashAttribute("done", "Đã nhận bản đã ký / The signed copy is accepted");
        return "redirect:/records/" + code + "#sign";
    }

    /** A leader gives a late step to another member of its group. */
    @PostMapping("/records/{code}/steps/{taskId}/assignee")
    String reassign(@PathVariable String code, @PathVariable String taskId,
            @RequestParam(required = false) String assignee, Authentication user, RedirectAttributes flash) {
        leaders.reassign(RecordController.code(code), taskId, assignee, caller(user));
        flash.addFlashAttribute("done", "Đã giao lại bước / The step is reassigned");
        return "redirect:/records/" + code + "#late";
    }

    /** A leader reminds the holder of a late step (an e-mail). */
    @PostMapping("/records/{code}/steps/{taskId}/reminder")
    String remind(@PathVariable String code, @PathVariable String taskId, Authentication user,
            RedirectAttributes flash) {
        leaders.remind(RecordController.code(code), taskId, caller(user));
        flash.addFlashAttribute("done", "Đã gửi lời nhắc / The reminder is sent");
        return "redirect:/records/" + code + "#late";
    }

    /** A leader acknowledges an overdue notice about the record. */
    @PostMapping("/records/{code}/notices/{noticeId}/acknowledgement")
    String acknowledge(@PathVariable String code, @PathVariable String noticeId, Authentication user,
            RedirectAttributes flash) {
        leaders.acknowledge(RecordController.code(code), noticeId, caller(user));
        flash.addFlashAttribute("done", "Đã xác nhận đã nắm / Acknowledged");
        return "redirect:/records/" + code + "#notices";
    }

    /**
     * The unit's leader issues the apology (form 04) with a new appointment date, typed as people
     * write dates here ({@code dd/MM/yyyy}); the new appointment is at the end of that office day.
     */
    @PostMapping("/records/{code}/apology")
    String apologise(@PathVariable String code, @RequestParam(required = false) String newAppointment,
            @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(newAppointment == null ? "" : newAppointment.strip(), DAY);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.badRequest("newAppointment", "ngày hẹn mới phải có dạng dd/MM/yyyy, ví dụ 20/12/2026"
                    + " / the new appointment date must be written dd/MM/yyyy");
        }
        apologies.apologiseForDay(RecordController.code(code), day, reason, caller(user));
        flash.addFlashAttribute("done", "Đã phát hành phiếu xin lỗi (mẫu 04) và hẹn lại / The apology (form 04) is issued");
        return "redirect:/records/" + code;
    }

    /** A signature's validation report (EU DSS simple report), made again from the signed PDF. */
    @GetMapping(path = "/records/{code}/signatures/{signatureId}/report", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> signatureReport(@PathVariable String code, @PathVariable String signatureId,
            Authentication user) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(records.signatureReport(RecordController.code(code), signatureId, caller(user)));
    }

    /** A document shown in the browser (PDF viewer, image), not downloaded. */
    @GetMapping("/records/{code}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String code, @PathVariable String documentId, Authentication user) {
        RecordQueries.Download download = records.document(RecordController.code(code), documentId, caller(user));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.document().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(download.document().name(),
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .body(download.content());
    }

    /** The first page of a PDF as a picture, for the preview in the page. */
    @GetMapping("/records/{code}/documents/{documentId}/preview.png")
    ResponseEntity<byte[]> preview(@PathVariable String code, @PathVariable String documentId, Authentication user) {
        RecordQueries.Download download = records.document(RecordController.code(code), documentId, caller(user));
        if (!"application/pdf".equals(download.document().mediaType())) {
            return ResponseEntity.notFound().build();
        }
        try (PDDocument pdf = Loader.loadPDF(download.content())) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 72, ImageType.RGB), "png", png);
            return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300").body(png.toByteArray());
        } catch (IOException e) {
            throw Problem.badRequest("document", "document " + documentId + " cannot be shown: "
                    + e.getMessage());
        }
    }

    /** A refusal on the page, in words, with the way back to the record. */
    @ExceptionHandler(Problem.class)
    org.springframework.web.servlet.ModelAndView refused(Problem e, jakarta.servlet.http.HttpServletRequest request) {
        org.springframework.web.servlet.ModelAndView page = new org.springframework.web.servlet.ModelAndView("records/refused");
        page.setStatus(e.status());
        page.addObject("message", e.getMessage());
        page.addObject("status", e.status().value());
        String path = request.getRequestURI();
        page.addObject("back", path.matches(".*/records/[A-Za-z0-9._-]+/.*")
                ? path.replaceAll("(/records/[A-Za-z0-9._-]+)/.*", "$1") : null);
        return page;
    }

    // --- what the template asks ----------------------------------------------------------------

    public String day(Instant at) {
        return at == null ? "—" : DAY.format(at.atZone(zone));
    }

    public String dayTime(Instant at) {
        return at == null ? "—" : DAY_TIME.format(at.atZone(zone));
    }

    public String name(String userId) {
        return userId == null ? "—" : staff.fullName(userId);
    }

    /** Green, yellow and red in words, both languages. */
    public String colour(String colour) {
        if (colour == null) {
            return "";
        }
        return switch (colour) {
            case "green" -> "Trong hạn / On time";
            case "yellow" -> "Sắp đến hạn / Due soon";
            case "red" -> "Quá hạn / Overdue";
            default -> colour;
        };
    }

    /** How late a step is now, in working time: "3 giờ 20 phút làm việc / 3 h 20 min" or "1,5 ngày làm việc / 1.5 working days". */
    public String lateness(java.util.Date due) {
        return due == null ? "—" : vn.motcua.deadline.Lateness.text(deadlines.lateBy(due.toInstant(), deadlines.now()),
                deadlines.calendar().workingDayLength());
    }

    public String dayTime(java.util.Date at) {
        return at == null ? "—" : dayTime(at.toInstant());
    }

    public String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " kB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<Task> openTasks(String code) {
        return system.call(() -> tasks.createTaskQuery().processInstanceBusinessKey(code).active().list());
    }

    /** Whether the user is the task's holder, or one of its candidate groups and it is unclaimed. */
    private boolean mayWork(Task task, Authentication user) {
        if (task.getAssignee() != null) {
            return task.getAssignee().equals(user.getName());
        }
        Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length()))
                .collect(Collectors.toSet());
        List<IdentityLink> links = system.call(() -> tasks.getIdentityLinksForTask(task.getId()));
        return links.stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                && (user.getName().equals(link.getUserId()) || groups.contains(link.getGroupId())));
    }

    private static RecordView.Document latest(RecordView record, String kind) {
        return record.documents().stream().filter(d -> kind.equals(d.kind())).reduce((a, b) -> b).orElse(null);
    }

    private static boolean has(Authentication user, String... roles) {
        List<String> wanted = List.of(roles);
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains);
    }

    private static Caller caller(Authentication user) {
        return Caller.of(user, null);
    }

}
