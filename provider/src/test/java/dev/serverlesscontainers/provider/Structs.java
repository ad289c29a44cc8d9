package dev.serverlesscontainers.provider;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi's property values on the wire (protobuf {@code Struct}s) to plain Java values and back, as
 * the engine's side sees them: secrets arrive wrapped with Pulumi's signature key and are unwrapped
 * by {@link #plain}; unknowns stay as Pulumi's unknown sentinel string.
 */
final class Structs {
    static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private Structs() {}

    static Map<String, Object> plain(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    static Object plain(Value value) {
        switch (value.getKindCase()) {
            case NULL_VALUE:
            case KIND_NOT_SET:
                return null;
            case BOOL_VALUE:
                return value.getBoolValue();
            case NUMBER_VALUE:
                return value.getNumberValue();
            case STRING_VALUE:
                return value.getStringValue();
            case LIST_VALUE: {
                List<Object> out = new ArrayList<>();
                value.getListValue().getValuesList().forEach(v -> out.add(plain(v)));
                return out;
            }
            default: {
                if (isSecret(value)) {
                    return plain(value.getStructValue().getFieldsMap().get("value"));
                }
                return plain(value.getStructValue());
            }
        }
    }

    /** Whether the value is a secret, wrapped with Pulumi's signature key. */
    static boolean isSecret(Value value) {
        Value sig = value.getStructValue().getFieldsMap().get(SIGNATURE_KEY);
        return sig != null && sig.getStringValue().equals(SECRET_SIGNATURE);
    }

    /** Whether the text occurs in a string of the value outside every secret: what a stack's state would show. */
    static boolean inPlainText(Value value, String text) {
        switch (value.getKindCase()) {
            case STRING_VALUE:
                return value.getStringValue().contains(text);
            case LIST_VALUE:
                return value.getListValue().getValuesList().stream().anyMatch(v -> inPlainText(v, text));
            case STRUCT_VALUE:
                return !isSecret(value) && value.getStructValue().getFieldsMap().values().stream().anyMatch(v -> inPlainText(v, text));
            default:
                return false;
        }
    }

    static Struct struct(Map<String, ?> map) {
        Struct.Builder b = Struct.newBuilder();
        map.forEach((k, v) -> b.putFields(k, value(v)));
        return b.build();
    }

    static Value value(Object o) {
        if (o == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (o instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (o instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (o instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (o instanceof Map<?, ?> m) {
            Struct.Builder b = Struct.newBuilder();
            m.forEach((k, v) -> b.putFields(String.valueOf(k), value(v)));
            return Value.newBuilder().setStructValue(b).build();
        }
        if (o instanceof List<?> l) {
            ListValue.Builder b = ListValue.newBuilder();
            l.forEach(v -> b.addValues(value(v)));
            return Value.newBuilder().setListValue(b).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(o)).build();
    }
}
