package triad.expression.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import triad.expression.core.Token.Kind;

/**
 * Splits an expression into tokens the way DynamoDB's grammar does: names are ASCII letters then
 * letters, digits or underscores; placeholders are '#' or ':' followed by at least one of those;
 * list indexes are 0 or digits without a leading zero; keywords are case-insensitive; only space,
 * tab, CR and LF separate tokens. Anything else becomes a one-character UNKNOWN token.
 */
final class Lexer {
  private Lexer() {}

  static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
        continue;
      }
      int start = i;
      if (isLetter(c)) {
        i = skipWordChars(text, i + 1);
        String word = text.substring(start, i);
        out.add(new Token(keywordOrName(word), word, start, i));
      } else if ((c == '#' || c == ':') && i + 1 < n && isWordChar(text.charAt(i + 1))) {
        i = skipWordChars(text, i + 1);
        out.add(new Token(c == '#' ? Kind.NAME_REF : Kind.VALUE_REF, text.substring(start, i), start, i));
      } else if (c == '0') {
        i++;
        out.add(new Token(Kind.INDEX, "0", start, i));
      } else if (c >= '1' && c <= '9') {
        while (i < n && isDigit(text.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.INDEX, text.substring(start, i), start, i));
      } else {
        Kind k = punctuation(text, i);
        i += (k == Kind.NE || k == Kind.LE || k == Kind.GE) ? 2 : k == Kind.UNKNOWN ? Character.charCount(text.codePointAt(i)) : 1;
        out.add(new Token(k, text.substring(start, i), start, i));
      }
    }
    out.add(new Token(Kind.EOF, "<EOF>", n, n));
    return out;
  }

  private static Kind punctuation(String text, int i) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
    return switch (c) {
      case '(' -> Kind.LPAREN;
      case ')' -> Kind.RPAREN;
      case '[' -> Kind.LBRACKET;
      case ']' -> Kind.RBRACKET;
      case ',' -> Kind.COMMA;
      case '.' -> Kind.DOT;
      case '=' -> Kind.EQ;
      case '+' -> Kind.PLUS;
      case '-' -> Kind.MINUS;
      case '<' -> next == '>' ? Kind.NE : next == '=' ? Kind.LE : Kind.LT;
      case '>' -> next == '=' ? Kind.GE : Kind.GT;
      default -> Kind.UNKNOWN;
    };
  }

  private static Kind keywordOrName(String word) {
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "AND" -> Kind.AND;
      case "OR" -> Kind.OR;
      case "NOT" -> Kind.NOT;
      case "BETWEEN" -> Kind.BETWEEN;
      case "IN" -> Kind.IN;
      case "SET" -> Kind.SET;
      case "REMOVE" -> Kind.REMOVE;
      case "ADD" -> Kind.ADD;
      case "DELETE" -> Kind.DELETE;
      default -> Kind.NAME;
    };
  }

  private static int skipWordChars(String text, int i) {
    while (i < text.length() && isWordChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_';
  }
}
