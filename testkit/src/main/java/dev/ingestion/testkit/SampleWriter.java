package dev.ingestion.testkit;

import dev.ingestion.testkit.Documents.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the repository's {@code samples/} folder: a small handbook of a fictional company in every
 * supported format, plus two problem files that end in the dead-letter queue.
 * Usage: {@code SampleWriter samples}.
 */
public final class SampleWriter {
  private SampleWriter() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args.length > 0 ? args[0] : "samples"));
  }

  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("policies"));
    Files.createDirectories(dir.resolve("problem-files"));
    Documents.markdown(dir.resolve("README.md"), "Northwind Handbook", List.of(
        new Section("About this folder", List.of(
            "These files are the handbook of Northwind Trading, a fictional company. They exist to show how"
                + " ingestion treats each format: headings become heading paths, pages are kept, archives and"
                + " e-mail attachments are opened.",
            "The two files under problem-files are broken on purpose: one is a damaged PDF, the other is"
                + " protected by a password. Both end in the dead-letter queue with a reason."))));
    Documents.docx(dir.resolve("policies/leave-policy.docx"), "Leave Policy", List.of(
        new Section("Annual leave", List.of(
            "Every employee receives twenty-five days of paid annual leave per calendar year.",
            "Leave must be requested at least two weeks in advance through the HR portal.")),
        new Section("Sick leave", List.of(
            "Report sickness to your manager before 10:00 on the first day of absence.",
            "From the fourth day a doctor's note is required.")),
        new Section("Parental leave", List.of(
            "Parents are entitled to sixteen weeks of fully paid leave, to be taken within the first year."))));
    Documents.pdf(dir.resolve("policies/expense-policy.pdf"), List.of(
        "Expense Policy. Travel must be booked through the travel desk. Economy class is the default for flights"
            + " under six hours. Hotel costs are reimbursed up to 180 euros per night in capital cities.",
        "Meals and entertainment. Client dinners need the approval of a department head. Receipts are required"
            + " for every expense above 25 euros and must be submitted within thirty days.",
        "Reimbursement. Approved expenses are paid with the next monthly salary. Questions go to the finance team."));
    Documents.html(dir.resolve("policies/security-guidelines.html"), "Security Guidelines", List.of(
        new Section("Passwords", List.of("Use a password manager. Passwords are at least 14 characters long.",
            "Never share a password, not even with the IT service desk.")),
        new Section("Devices", List.of("Laptops are encrypted and lock after five minutes of inactivity.",
            "Report a lost or stolen device to security@northwind.example within one hour."))));
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Holidays 2027", List.of(List.of("Date", "Holiday", "Offices"),
        List.of("2027-01-01", "New Year's Day", "all"), List.of("2027-04-05", "Easter Monday", "EU"),
        List.of("2027-12-25", "Christmas Day", "all")));
    sheets.put("Contacts", List.of(List.of("Team", "E-mail"), List.of("HR", "hr@northwind.example"),
        List.of("Finance", "finance@northwind.example")));
    Documents.xlsx(dir.resolve("holidays-and-contacts.xlsx"), sheets);
    Documents.pptx(dir.resolve("onboarding.pptx"), List.of(
        new Section("Welcome to Northwind", List.of("Your first week, step by step")),
        new Section("Day one", List.of("Collect your badge at reception", "Meet your buddy", "Set up your laptop")),
        new Section("Week one", List.of("Complete the security training", "Book a lunch with your team"))));
    Documents.text(dir.resolve("office-hours.txt"), List.of(
        "Office hours are 08:00 to 18:00, Monday to Friday.",
        "The building is closed on public holidays; see holidays-and-contacts.xlsx."));
    Documents.eml(dir.resolve("welcome-email.eml"), "Welcome to the team",
        "Hello and welcome! Please read the leave policy and the security guidelines before Friday.",
        "Checklist: badge, laptop, security training, team lunch.");
    Path faqDir = Files.createTempDirectory("ingestion_samples");
    Path faq1 = Documents.text(faqDir.resolve("faq-payroll.txt"), List.of(
        "When is salary paid? On the 25th of each month.", "Where are payslips? In the HR portal."));
    Path faq2 = Documents.html(faqDir.resolve("faq-it.html"), "IT FAQ", List.of(
        new Section("Wi-Fi", List.of("The guest network is Northwind-Guest; its password changes weekly."))));
    Documents.zip(dir.resolve("faq-archive.zip"), List.of(faq1, faq2));
    Files.delete(faq1);
    Files.delete(faq2);
    Files.delete(faqDir);
    Documents.corruptPdf(dir.resolve("problem-files/damaged-invoice.pdf"));
    Documents.encryptedPdf(dir.resolve("problem-files/salary-review-locked.pdf"));
  }
}
