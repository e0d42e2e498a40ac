--
-- PostgreSQL database dump
--

\restrict QTChaUjSXdk11QmaMYxEgEEqQSwfKlybmRDxWYu65ck3cftcgJKsLvRCTOXzQJr

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: consultations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consultations (
    id character varying(64) NOT NULL,
    data text NOT NULL,
    version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    patient_name character varying(120) NOT NULL,
    name_key character varying(240) NOT NULL,
    consultation_date date NOT NULL,
    status character varying(32) NOT NULL
);


--
-- Data for Name: consultations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.consultations VALUES ('2FgBD1q_CIkXIUnvdkV97g', '{"schema_version":1,"id":"2FgBD1q_CIkXIUnvdkV97g","locale":"en","consultation_date":"2026-11-20","patient":{"name":"Ayşe Yılmaz","birth_date":"1988-04-12","sex":"female"},"history":{"pregnant":false,"breastfeeding":false,"stroke_history":false,"insulin_dependent_diabetes":false,"diabetes_other":false,"heart_disease_multi_drug":false,"heart_disease_other":false,"cancer":false,"bleeding_disorder":false,"urticaria":false,"autoimmune_disease":false,"active_skin_infection":false,"chronic_skin_disease_flare":false,"allergies":[],"blood_thinners":false,"other_chronic_disease":false},"concerns":["fine_wrinkles","dullness"],"goals":"Fresher, more hydrated skin before her sister''s wedding in spring; natural result.","notes":"Prefers late-afternoon appointments. Sensitive skin; bruises easily on the neck.","areas":["face","neck"],"treatments":[{"area":"face","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null},{"area":"neck","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null}],"start_date":"2026-11-27","avoid_bruising":null,"treatment_choice":null,"visit_dates":{},"visit_time":null,"calendar_id":"24b7d780986b43e0b23372fa8795f1ef","consent":null,"wishes":[]}', 1, '2026-12-01 23:17:03.520132+00', '2026-12-01 23:17:03.520132+00', 'Ayşe Yılmaz', 'ayse yilmaz', '2026-11-20', 'eligible');
INSERT INTO public.consultations VALUES ('HdP1-AZir_TZ_qHWdfYT1w', '{"schema_version":1,"id":"HdP1-AZir_TZ_qHWdfYT1w","locale":"tr","consultation_date":"2026-11-20","patient":{"name":"İsmail Işık","birth_date":"1979-02-28","sex":"male"},"history":{"pregnant":false,"breastfeeding":false,"stroke_history":false,"insulin_dependent_diabetes":false,"diabetes_other":false,"heart_disease_multi_drug":false,"heart_disease_other":false,"cancer":false,"bleeding_disorder":false,"urticaria":false,"autoimmune_disease":false,"active_skin_infection":false,"chronic_skin_disease_flare":false,"allergies":[],"blood_thinners":false,"other_chronic_disease":false},"concerns":["fine_wrinkles","dullness"],"goals":"Baharda kız kardeşinin düğününden önce daha canlı, daha nemli bir cilt; doğal sonuç.","notes":"Öğleden sonra geç saatlerdeki randevuları tercih ediyor. Hassas cilt; boynunda kolay morarma oluyor.","areas":["face","neck"],"treatments":[{"area":"face","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null},{"area":"neck","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null}],"start_date":"2026-11-27","avoid_bruising":null,"treatment_choice":null,"visit_dates":{},"visit_time":null,"calendar_id":"fd64f9d57e484aa48f6c989ab5eb6c28","consent":null,"wishes":[]}', 1, '2026-12-01 23:17:03.531019+00', '2026-12-01 23:17:03.531019+00', 'İsmail Işık', 'ismail isik', '2026-11-20', 'eligible');
INSERT INTO public.consultations VALUES ('Jcw4ZzfzFdWMTMbsi7NLQw', '{"schema_version":1,"id":"Jcw4ZzfzFdWMTMbsi7NLQw","locale":"en","consultation_date":"2026-11-20","patient":{"name":"Çağla Öztürk","birth_date":null,"sex":null},"history":{"pregnant":null,"breastfeeding":null,"stroke_history":null,"insulin_dependent_diabetes":null,"diabetes_other":null,"heart_disease_multi_drug":null,"heart_disease_other":null,"cancer":null,"bleeding_disorder":null,"urticaria":null,"autoimmune_disease":null,"active_skin_infection":null,"chronic_skin_disease_flare":null,"allergies":null,"blood_thinners":null,"other_chronic_disease":null},"concerns":["dark_circles"],"goals":"Less tired eyes","notes":"","areas":[],"treatments":[],"start_date":null,"avoid_bruising":null,"treatment_choice":null,"visit_dates":{},"visit_time":null,"calendar_id":"55f154d12d154f1390a1dd255233228d","consent":null,"wishes":[]}', 3, '2026-12-01 23:17:03.539987+00', '2026-12-01 23:17:03.550282+00', 'Çağla Öztürk', 'cagla ozturk', '2026-11-20', 'incomplete');
INSERT INTO public.consultations VALUES ('IfO7O40l7Zzn_vKipjcg1Q', '{"schema_version":1,"id":"IfO7O40l7Zzn_vKipjcg1Q","locale":"en","consultation_date":"2026-11-20","patient":{"name":"Zeynep Şahin","birth_date":"1992-07-01","sex":"female"},"history":{"pregnant":true,"breastfeeding":false,"stroke_history":false,"insulin_dependent_diabetes":false,"diabetes_other":false,"heart_disease_multi_drug":false,"heart_disease_other":false,"cancer":false,"bleeding_disorder":false,"urticaria":false,"autoimmune_disease":false,"active_skin_infection":false,"chronic_skin_disease_flare":false,"allergies":[],"blood_thinners":false,"other_chronic_disease":false},"concerns":["fine_wrinkles","dullness"],"goals":"Fresher, more hydrated skin before her sister''s wedding in spring; natural result.","notes":"Prefers late-afternoon appointments. Sensitive skin; bruises easily on the neck.","areas":["face","neck"],"treatments":[{"area":"face","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null},{"area":"neck","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null}],"start_date":"2026-11-27","avoid_bruising":null,"treatment_choice":null,"visit_dates":{},"visit_time":null,"calendar_id":"24b7d780986b43e0b23372fa8795f1ef","consent":null,"wishes":[]}', 1, '2026-12-01 23:17:03.554893+00', '2026-12-01 23:17:03.554893+00', 'Zeynep Şahin', 'zeynep sahin', '2026-11-20', 'not_eligible');
INSERT INTO public.consultations VALUES ('axdrtux1MVBrz7PpZ37TbA', '{"schema_version":1,"id":"axdrtux1MVBrz7PpZ37TbA","locale":"en","consultation_date":"2026-11-20","patient":{"name":"John O''Neill","birth_date":"1970-01-31","sex":"other"},"history":{"pregnant":false,"breastfeeding":false,"stroke_history":false,"insulin_dependent_diabetes":false,"diabetes_other":false,"heart_disease_multi_drug":false,"heart_disease_other":false,"cancer":false,"bleeding_disorder":false,"urticaria":false,"autoimmune_disease":false,"active_skin_infection":false,"chronic_skin_disease_flare":false,"allergies":["salmon_dna"],"blood_thinners":null,"other_chronic_disease":false},"concerns":["fine_wrinkles","dullness"],"goals":"Fresher, more hydrated skin before her sister''s wedding in spring; natural result.","notes":"Prefers late-afternoon appointments. Sensitive skin; bruises easily on the neck.","areas":["face","neck"],"treatments":[{"area":"face","cocktail":"custom","ingredients":["hyaluronic_acid"],"sessions":null,"interval_days":null},{"area":"neck","cocktail":"mesolift","ingredients":null,"sessions":4,"interval_days":10}],"start_date":"2026-11-27","avoid_bruising":null,"treatment_choice":"mesotherapy","visit_dates":{"session-2":"2026-12-10"},"visit_time":"16:30:00","calendar_id":"24b7d780986b43e0b23372fa8795f1ef","consent":null,"wishes":["avoid_bruising"]}', 1, '2026-12-01 23:17:03.558921+00', '2026-12-01 23:17:03.558921+00', 'John O''Neill', 'john o''neill', '2026-11-20', 'not_eligible');
INSERT INTO public.consultations VALUES ('7W96prloQzCCrhPMOcKCUA', '{"schema_version":1,"id":"7W96prloQzCCrhPMOcKCUA","locale":"en","consultation_date":"2026-11-20","patient":{"name":"Ayşe Yılmaz","birth_date":"1988-04-12","sex":"female"},"history":{"pregnant":false,"breastfeeding":false,"stroke_history":false,"insulin_dependent_diabetes":false,"diabetes_other":false,"heart_disease_multi_drug":false,"heart_disease_other":false,"cancer":false,"bleeding_disorder":false,"urticaria":false,"autoimmune_disease":false,"active_skin_infection":false,"chronic_skin_disease_flare":false,"allergies":[],"blood_thinners":false,"other_chronic_disease":false},"concerns":["fine_wrinkles","dullness"],"goals":"Fresher, more hydrated skin before her sister''s wedding in spring; natural result.","notes":"Second consultation.\nSigned on paper too.","areas":["face","neck"],"treatments":[{"area":"face","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null},{"area":"neck","cocktail":"mesolift","ingredients":null,"sessions":null,"interval_days":null}],"start_date":"2026-11-27","avoid_bruising":null,"treatment_choice":null,"visit_dates":{},"visit_time":null,"calendar_id":"24b7d780986b43e0b23372fa8795f1ef","consent":{"statements":["CONSENT-EXPLAINED","CONSENT-HISTORY","CONSENT-SIDE-EFFECTS","CONSENT-AFTERCARE","CONSENT-VOLUNTARY"],"patient_name":"AYŞE YILMAZ","confirmed_at":"2026-11-20T15:04:05","scope":"a38fc8e62a69b506"},"wishes":[]}', 1, '2026-12-01 23:17:03.562778+00', '2026-12-01 23:17:03.562778+00', 'Ayşe Yılmaz', 'ayse yilmaz', '2026-11-20', 'eligible');


--
-- Name: consultations consultations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_pkey PRIMARY KEY (id);


--
-- Name: ix_consultations_consultation_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_consultations_consultation_date ON public.consultations USING btree (consultation_date);


--
-- Name: ix_consultations_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_consultations_name_key ON public.consultations USING btree (name_key);


--
-- Name: ix_consultations_updated_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_consultations_updated_at ON public.consultations USING btree (updated_at);


--
-- PostgreSQL database dump complete
--

\unrestrict QTChaUjSXdk11QmaMYxEgEEqQSwfKlybmRDxWYu65ck3cftcgJKsLvRCTOXzQJr

