package io.supertonic.security;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IP addresses and CIDR blocks, IPv4 and IPv6 ({@code 192.168.1.20}, {@code 10.0.0.0/8}, {@code
 * fd00::/8}), that a server trusts by the peer's address, such as {@code --wyoming-allow}.
 *
 * <p>Entries are IP literals only: a host name would need a DNS lookup, and what it resolves to can
 * change without the operator noticing. Matching uses Netty's {@link IpSubnetFilterRule}, which
 * Vert.x already ships; an IPv4 address written in IPv6 form ({@code ::ffff:192.168.1.20}) is
 * treated as the IPv4 address it is, for entries and peers alike.
 */
public final class AddressAllowlist {
  private static final Pattern IPV4_LEADING_ZERO = Pattern.compile("(^|\\.)0\\d");

  private final List<String> entries;
  private final List<IpSubnetFilterRule> rules;

  private AddressAllowlist(List<String> entries, List<IpSubnetFilterRule> rules) {
    this.entries = List.copyOf(entries);
    this.rules = List.copyOf(rules);
  }

  public static AddressAllowlist none() {
    return new AddressAllowlist(List.of(), List.of());
  }

  /**
   * @param option the option the entries come from, named in the error of a bad entry
   * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block
   */
  public static AddressAllowlist parse(String option, Collection<String> entries) {
    List<String> kept = new ArrayList<>();
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw == null ? "" : raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      rules.add(rule(option, entry));
      kept.add(entry);
    }
    return new AddressAllowlist(kept, rules);
  }

  private static IpSubnetFilterRule rule(String option, String entry) {
    int slash = entry.indexOf('/');
    String addressPart = slash < 0 ? entry : entry.substring(0, slash);
    InetAddress address = literal(addressPart);
    if (address == null || IPV4_LEADING_ZERO.matcher(addressPart).find()) {
      throw invalid(option, entry, "is not an IP address or CIDR block");
    }
    int bits = address instanceof Inet4Address ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
      String prefixPart = entry.substring(slash + 1);
      if (!prefixPart.matches("\\d{1,3}")) {
        throw invalid(option, entry, "has no prefix length after '/'");
      }
      prefix = Integer.parseInt(prefixPart);
      if (prefix > bits) {
        throw invalid(option, entry, "has a prefix longer than " + bits + " bits");
      }
    }
    return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
  }

  private static IllegalArgumentException invalid(String option, String entry, String why) {
    String shown = entry.length() > 64 ? entry.substring(0, 64) + "…" : entry;
    return new IllegalArgumentException(
        option
            + " '"
            + shown
            + "' "
            + why
            + " (examples: 192.168.1.20, 192.168.1.0/24, fd00::/8; host names are not accepted)");
  }

  /**
   * The address an IP literal names, without any DNS lookup; null when {@code text} is not one.
   * IPv4-mapped IPv6 literals come back as IPv4 addresses.
   */
  public static InetAddress literal(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return NetUtil.createInetAddressFromIpAddressString(text.strip());
  }

  /**
   * The address of a connected peer as Vert.x reports it ({@code SocketAddress#hostAddress}); a
   * zone such as {@code %eth0} on a link-local IPv6 address is dropped. Null when unparseable.
   */
  public static InetAddress peer(String hostAddress) {
    if (hostAddress == null) {
      return null;
    }
    int zone = hostAddress.indexOf('%');
    return literal(zone < 0 ? hostAddress : hostAddress.substring(0, zone));
  }

  /** True when {@code address} is one of the addresses or inside one of the blocks. */
  public boolean contains(InetAddress address) {
    if (address == null) {
      return false;
    }
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    for (IpSubnetFilterRule rule : rules) {
      if (rule.matches(socket)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The entries as given (trimmed), for logs. */
  public List<String> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
