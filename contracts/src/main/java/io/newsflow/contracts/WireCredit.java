package io.newsflow.contracts;

import java.util.List;

/**
 * One agency an article credits, with the evidence. Part of the enriched article JSON.
 *
 * @param agency stable id of the agency, a lower-case slug such as {@code reuters}, {@code
 *     cbs-news}, {@code dpa} or {@code ap}
 * @param name display name such as {@code CBS News}
 * @param evidence every place that credits the agency, in article order (title, credit lines,
 *     body); never empty
 */
public record WireCredit(String agency, String name, List<Evidence> evidence) {

  public WireCredit {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /**
   * Text that credits an agency.
   *
   * @param phrase the matched text, e.g. {@code seperti dilansir AFP}, {@code Sumber: Reuters},
   *     {@code (BBC)} or {@code WASHINGTON (Reuters) -}
   * @param field where it is: {@code title}, {@code body} or {@code credits}
   * @param index line index within {@code credits}; {@code 0} for title and body
   * @param offset character offset of {@code phrase} within the field's text: the whole body string
   *     for {@code body}, the credit line for {@code credits}
   */
  public record Evidence(String phrase, String field, int index, int offset) {
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String CREDITS = "credits";
  }
}
