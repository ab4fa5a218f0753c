package org.knowledgebot.local.model;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, read from its wording, and whether a sentence holds an answer of that
 * kind. The offline model prefers such sentences: asked "how long before someone fills it?", the sentence with
 * "within 3 business days" rather than the one on how to report. Each kind is a row of cue words (English, and the
 * commonest Spanish ones) and the patterns of its answers:
 *
 * <table>
 *   <caption>Answer types</caption>
 *   <tr><th>kind</th><th>question cues</th><th>an answer holds</th></tr>
 *   <tr><td>WHEN</td><td>when, what time/day/date, which days, how long/soon/quickly/often, how far ahead, how many
 *       days/weeks/…, deadline, cutoff, last day, due, until, hours, open/close; cuándo, qué hora/día, plazo,
 *       fecha, horario</td><td>a duration ("10 business days", "48 hours"), a date ("February 15"), a time ("7:00
 *       a.m.", "noon"), a weekday, a frequency ("every", "monthly")</td></tr>
 *   <tr><td>AMOUNT</td><td>how much, cost, fee, price, charge, fine, rate; cuánto, cuesta, precio, tarifa,
 *       multa</td><td>a sum ("$45", "$0.10"), a percentage ("2.4%"), "free"</td></tr>
 *   <tr><td>CONTACT</td><td>who do I call/ring/contact/ask, phone, number to call, what number, call, ring,
 *       contact, reach, e-mail; teléfono, llamar, correo, contacto</td><td>a phone number ("(555) 240-1000",
 *       "555-0199", "dial 311"), an e-mail address</td></tr>
 *   <tr><td>PLACE</td><td>where, address, location, located, which office; dónde, dirección</td><td>a street
 *       address ("200 Main Street"), a room ("Room 108"), a web address ("riverton.gov/311")</td></tr>
 *   <tr><td>COUNT</td><td>how many (not of a time unit), how big/tall/high, what size, limit, maximum, minimum;
 *       cuántos, cuántas</td><td>a number, in digits or words</td></tr>
 *   <tr><td>CONDITION</td><td>a yes/no question: starts with can, may, am, is, are, do, does, must, should;
 *       ¿puedo, ¿se puede</td><td>a condition or rule: if, unless, only, must, not, without, at least, required,
 *       allowed</td></tr>
 * </table>
 *
 * A question may ask for several kinds ("where and when"); a sentence answers it when it holds any of them.
 */
enum AnswerType {
    WHEN("\\bwhen\\b|\\bwhat (?:time|day|date)s?\\b|\\bwhich (?:day|date)s?\\b|\\bhow (?:long|soon|quickly|often|fast)\\b"
            + "|\\bhow far (?:ahead|in advance)\\b|\\bhow many (?:business )?(?:days|weeks|months|years|hours|minutes)\\b"
            + "|\\bdeadline\\b|\\bcut-?off\\b|\\blast day\\b|\\bdue\\b|\\buntil\\b|\\bhours\\b|\\bopen\\b|\\bclose[sd]?\\b"
            + "|cuándo|\\bqué (?:hora|día|fecha)\\b|\\bplazo\\b|\\bfecha\\b|\\bhorario\\b",
            "(?i)\\b\\d+(?:\\.\\d+)?\\s?(?:-\\s?)?(?:business |working |calendar )?(?:days?|weeks?|months?|years?|hours?|minutes?)\\b"
            + "|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\\s(?:business |working )?(?:days?|weeks?|months?|years?|hours?)\\b"
            + "|\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s\\d{1,2}\\b"
            + "|\\b\\d{1,2}(?::\\d{2})?\\s?(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b)|\\bnoon\\b|\\bmidnight\\b"
            + "|\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekdays?|weekends?)\\b"
            + "|\\bevery\\b|\\b(?:daily|weekly|monthly|yearly|annually|twice|once)\\b"),
    AMOUNT("\\bhow much\\b|\\bcosts?\\b|\\bfees?\\b|\\bprices?\\b|\\bcharged?\\b|\\bcharges\\b|\\bfines?\\b|\\brates?\\b"
            + "|cuánto|\\bcuesta\\b|\\bprecio\\b|\\btarifa\\b|\\bmulta\\b",
            "(?i)\\$\\s?\\d|\\b\\d+(?:\\.\\d+)?\\s?%|\\bfree\\b|\\b\\d+\\s?cents\\b|\\bgratis\\b|\\bgratuit[oa]\\b"),
    CONTACT("\\bwho (?:do|should|can|could) (?:i|we) (?:call|ring|contact|phone|email|e-mail|talk to|speak to|ask)\\b"
            + "|\\bphone\\b|\\btelephone\\b|\\bwhat number\\b|\\bnumber (?:to|do i|should i) (?:call|ring|dial)\\b"
            + "|\\bcall\\b|\\bring\\b|\\bcontact\\b|\\breach\\b|\\be-?mail\\b|teléfono|\\bllamar\\b|\\bcorreo\\b|\\bcontacto\\b",
            "(?i)\\(\\d{3}\\)\\s?\\d{3}-\\d{4}|\\b\\d{3}[-.]\\d{3}[-.]\\d{4}\\b|\\b\\d{3}-\\d{4}\\b|\\b(?:dial|call) \\d{3}\\b"
            + "|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"),
    PLACE("\\bwhere\\b|\\bwhere's\\b|\\baddress\\b|\\blocation\\b|\\blocated\\b|\\bwhich office\\b|dónde|dirección",
            "\\b\\d{1,5}\\s(?:[A-Z][\\w'’-]*\\s){1,3}(?:Street|St\\.|Avenue|Ave\\.|Road|Rd\\.|Lane|Parkway|Boulevard|Blvd\\.|Drive|Way|Place|Court|Square)\\b"
            + "|\\bRoom \\d+|\\b[\\w-]+\\.(?:gov|org|com|net)(?:/[\\w/-]+)?"),
    COUNT("\\bhow many\\b(?! (?:business )?(?:days|weeks|months|years|hours|minutes))|\\bhow (?:big|tall|high|large|heavy)\\b"
            + "|\\bwhat size\\b|\\blimit\\b|\\bmaximum\\b|\\bminimum\\b|cuántos|cuántas",
            "(?i)\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred)\\b"),
    CONDITION("^\\W*(?:can|may|am|is|are|do|does|must|should)\\b|^\\W*(?:puedo|se puede)\\b",
            "(?i)\\b(?:if|unless|only|must|not|no|without|at least|required|allowed|may not|cannot)\\b");

    private final Pattern cue;
    private final Pattern answer;

    AnswerType(String cue, String answer) {
        this.cue = Pattern.compile("(?iu)" + cue);
        this.answer = Pattern.compile(answer);
    }

    /** The kinds of answer {@code question} asks for; empty when its wording names none ("tell me about …"). */
    static Set<AnswerType> askedBy(String question) {
        Set<AnswerType> asked = EnumSet.noneOf(AnswerType.class);
        for (AnswerType type : values()) {
            if (type.cue.matcher(question).find()) {
                asked.add(type);
            }
        }
        return asked;
    }

    /** The kinds among {@code asked} that {@code sentence} holds an answer of (Markdown emphasis ignored). */
    static Set<AnswerType> answeredBy(Set<AnswerType> asked, String sentence) {
        String plain = sentence.replace("**", "");
        Set<AnswerType> answered = EnumSet.noneOf(AnswerType.class);
        for (AnswerType type : asked) {
            if (type.answer.matcher(plain).find()) {
                answered.add(type);
            }
        }
        return answered;
    }
}
