package com.autograph.shared.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CodePointLength}. */
public class CodePointLengthValidator implements ConstraintValidator<CodePointLength, CharSequence> {

    private int min;

    private int max;

    @Override
    public void initialize(CodePointLength constraint) {
        this.min = constraint.min();
        this.max = constraint.max();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        // Code points never outnumber UTF-16 units: a string this short needs no
        // counting.
        if (min == 0 && value.length() <= max) {
            return true;
        }
        int length = Text.length(value);
        return length >= min && length <= max;
    }

}
