package vn.motcua.record.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.motcua.record.pdf.Template.Block;
import vn.motcua.record.pdf.Template.Kind;

class TemplateTest {

    @Test
    void readsTheMarkers() {
        Template template = Template.parse("t", "\uFEFF// comment\r\n# Tiêu đề\n## Phụ đề\n### Mục\n"
                + "  Đoạn văn ${applicantName}  \n\n? Tùy chọn ${extra.x}\n{{documents: Thành phần:}}\n"
                + "{{ Signature : A | B }}\n{{pagebreak}}\n{{nothing}}\n#không phải tiêu đề\n\n\n");

        assertThat(template.blocks()).containsExactly(
                new Block(Kind.TITLE, "Tiêu đề", false),
                new Block(Kind.SUBTITLE, "Phụ đề", false),
                new Block(Kind.HEADING, "Mục", false),
                new Block(Kind.PARAGRAPH, "Đoạn văn ${applicantName}", false),
                new Block(Kind.BLANK, "", false),
                new Block(Kind.PARAGRAPH, "Tùy chọn ${extra.x}", true),
                new Block(Kind.DOCUMENTS, "Thành phần:", false),
                new Block(Kind.SIGNATURE, "A | B", false),
                new Block(Kind.PAGE_BREAK, "", false),
                new Block(Kind.PARAGRAPH, "#không phải tiêu đề", false));
    }

    @Test
    void anEmptyTemplateHasNoBlocks() {
        assertThat(Template.parse("t", "").blocks()).isEqualTo(List.of());
    }
}
