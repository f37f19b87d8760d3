package vn.motcua.payment;

import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.motcua.record.RecordFees;

/** A record's open fee for its public tracking page: the request still payable, with its link and VietQR code. */
@Component
class PaymentFees implements RecordFees {

    private final PaymentRequests requests;

    PaymentFees(PaymentRequests requests) {
        this.requests = requests;
    }

    @Override
    public Optional<OpenFee> openFee(String recordCode) {
        return requests.payable(recordCode).map(request -> new OpenFee(request.amount(), request.reference(),
                request.expiresAt(), requests.link(request), requests.vietQr(request)));
    }
}
